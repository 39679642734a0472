-- ZenMoon platform schema.
-- Every tenant-owned table carries tenant_id, and it comes first in every key and index, so that the
-- schema can later be distributed by tenant (Citus). Foreign keys include tenant_id, so a row can never
-- point at another tenant's row.

CREATE TABLE tenant (
    id              varchar(36)  PRIMARY KEY,
    name            varchar(200) NOT NULL,
    kind            varchar(16)  NOT NULL CHECK (kind IN ('SCHOOL', 'CLINIC')),
    -- The law the tenant's records fall under, e.g. FERPA (US schools), HIPAA (US clinics), GDPR.
    legal_regime    varchar(32)  NOT NULL,
    retention_days  integer      NOT NULL CHECK (retention_days > 0),
    created_at      timestamptz  NOT NULL DEFAULT now()
);

-- Accounts are looked up by user name at login, before any tenant is known, so user names are unique
-- across the platform. A PLATFORM_ADMIN belongs to no tenant.
CREATE TABLE app_user (
    id              varchar(36)  PRIMARY KEY,
    tenant_id       varchar(36)  REFERENCES tenant (id),
    username        varchar(100) NOT NULL UNIQUE,
    password_hash   varchar(300) NOT NULL,
    -- PLATFORM_ADMIN alone (no tenant), or a comma-separated set of the tenant roles (with a tenant).
    roles           varchar(200) NOT NULL
                    CHECK (roles = 'PLATFORM_ADMIN'
                           OR roles ~ '^(TENANT_ADMIN|COUNSELLOR|CLINICIAN|GUARDIAN)(,(TENANT_ADMIN|COUNSELLOR|CLINICIAN|GUARDIAN))*$'),
    display_name    varchar(200),
    created_at      timestamptz  NOT NULL DEFAULT now(),
    CHECK ((tenant_id IS NULL) = (roles = 'PLATFORM_ADMIN'))
);
CREATE UNIQUE INDEX app_user_tenant_id ON app_user (tenant_id, id);

CREATE TABLE cohort (
    tenant_id       varchar(36)  NOT NULL REFERENCES tenant (id),
    id              varchar(36)  NOT NULL,
    name            varchar(200) NOT NULL,
    kind            varchar(16)  NOT NULL CHECK (kind IN ('CLASS', 'PANEL')),
    created_at      timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, name)
);

-- Which cohorts a counsellor or clinician looks after.
CREATE TABLE staff_cohort (
    tenant_id       varchar(36)  NOT NULL,
    user_id         varchar(36)  NOT NULL,
    cohort_id       varchar(36)  NOT NULL,
    PRIMARY KEY (tenant_id, user_id, cohort_id),
    FOREIGN KEY (tenant_id, user_id) REFERENCES app_user (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, cohort_id) REFERENCES cohort (tenant_id, id) ON DELETE CASCADE
);

-- Children are pseudonymous: no name, no exact birth date.
CREATE TABLE child (
    tenant_id               varchar(36)  NOT NULL REFERENCES tenant (id),
    id                      varchar(36)  NOT NULL,
    pseudonym               varchar(100) NOT NULL,
    birth_year              integer      NOT NULL CHECK (birth_year BETWEEN 1990 AND 2100),
    cohort_id               varchar(36)  NOT NULL,
    chronotype              varchar(16)  CHECK (chronotype IN ('early_bird', 'intermediate', 'night_owl')),
    preferred_interventions varchar(500),
    created_at              timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, pseudonym),
    FOREIGN KEY (tenant_id, cohort_id) REFERENCES cohort (tenant_id, id)
);
CREATE INDEX child_cohort ON child (tenant_id, cohort_id);

CREATE TABLE guardian_link (
    tenant_id       varchar(36)  NOT NULL,
    child_id        varchar(36)  NOT NULL,
    user_id         varchar(36)  NOT NULL,
    created_at      timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, child_id, user_id),
    FOREIGN KEY (tenant_id, child_id) REFERENCES child (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, user_id) REFERENCES app_user (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX guardian_link_user ON guardian_link (tenant_id, user_id);

CREATE TABLE device (
    tenant_id       varchar(36)  NOT NULL,
    id              varchar(36)  NOT NULL,
    child_id        varchar(36)  NOT NULL,
    label           varchar(100) NOT NULL,
    -- Only a hash of the device token is kept.
    token_hash      varchar(300) NOT NULL,
    created_at      timestamptz  NOT NULL DEFAULT now(),
    revoked_at      timestamptz,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, child_id) REFERENCES child (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX device_child ON device (tenant_id, child_id);

CREATE TABLE consent (
    tenant_id       varchar(36)  NOT NULL,
    id              varchar(36)  NOT NULL,
    child_id        varchar(36)  NOT NULL,
    scope           varchar(32)  NOT NULL CHECK (scope IN ('collection', 'analysis', 'model_training', 'clinic_sharing')),
    notice_version  varchar(32)  NOT NULL,
    granted_by      varchar(36)  NOT NULL,
    granted_at      timestamptz  NOT NULL DEFAULT now(),
    withdrawn_at    timestamptz,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, child_id) REFERENCES child (tenant_id, id) ON DELETE CASCADE
);
-- At most one active consent per child and scope; withdrawn ones stay as history.
CREATE UNIQUE INDEX consent_active ON consent (tenant_id, child_id, scope) WHERE withdrawn_at IS NULL;

-- One-minute wearable epochs, range-partitioned by month on t (what a TimescaleDB hypertable does).
-- The DEFAULT partition guarantees that an epoch for a month without its own partition still inserts;
-- zenmoon_ensure_epoch_partitions() later moves such rows into their month.
CREATE TABLE epoch (
    tenant_id       varchar(36)  NOT NULL,
    child_id        varchar(36)  NOT NULL,
    t               timestamptz  NOT NULL,
    hr              real         CHECK (hr BETWEEN 25 AND 250),
    rmssd           real         CHECK (rmssd >= 0),
    eda             real         CHECK (eda >= 0),
    activity        integer      CHECK (activity >= 0),
    stress          real         CHECK (stress BETWEEN 0 AND 1),
    sleep_state     varchar(8)   CHECK (sleep_state IN ('WAKE', 'SLEEP', 'UNKNOWN')),
    quality         real         CHECK (quality BETWEEN 0 AND 1),
    device_id       varchar(36),
    PRIMARY KEY (tenant_id, child_id, t),
    -- Erasing a child erases its measurements; no epoch can belong to a child that does not exist.
    FOREIGN KEY (tenant_id, child_id) REFERENCES child (tenant_id, id) ON DELETE CASCADE
) PARTITION BY RANGE (t);

CREATE TABLE epoch_default PARTITION OF epoch DEFAULT;

CREATE FUNCTION zenmoon_ensure_epoch_partitions(from_t timestamptz, to_t timestamptz) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    month_start timestamptz := date_trunc('month', from_t AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
    month_end   timestamptz;
    part_name   text;
    created     integer := 0;
BEGIN
    WHILE month_start < to_t LOOP
        month_end := month_start + interval '1 month';
        part_name := 'epoch_' || to_char(month_start AT TIME ZONE 'UTC', 'YYYY_MM');
        IF to_regclass(part_name) IS NULL THEN
            -- Rows that went to the default partition for this month move into the new one,
            -- otherwise attaching it would fail.
            EXECUTE format('CREATE TABLE %I (LIKE epoch INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', part_name);
            EXECUTE format('INSERT INTO %I SELECT * FROM epoch_default WHERE t >= %L AND t < %L',
                           part_name, month_start, month_end);
            EXECUTE format('DELETE FROM epoch_default WHERE t >= %L AND t < %L', month_start, month_end);
            EXECUTE format('ALTER TABLE epoch ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)',
                           part_name, month_start, month_end);
            created := created + 1;
        END IF;
        month_start := month_end;
    END LOOP;
    RETURN created;
END $$;

CREATE TABLE sleep_episode (
    tenant_id       varchar(36)  NOT NULL,
    id              varchar(36)  NOT NULL,
    child_id        varchar(36)  NOT NULL,
    onset           timestamptz  NOT NULL,
    wake            timestamptz  NOT NULL CHECK (wake > onset),
    source          varchar(16)  NOT NULL CHECK (source IN ('device', 'detected', 'reported')),
    created_at      timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, child_id) REFERENCES child (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX sleep_episode_child ON sleep_episode (tenant_id, child_id, onset, source);

CREATE TABLE school_event (
    tenant_id       varchar(36)  NOT NULL,
    id              varchar(36)  NOT NULL,
    cohort_id       varchar(36)  NOT NULL,
    type            varchar(64)  NOT NULL,
    start_t         timestamptz  NOT NULL,
    end_t           timestamptz  NOT NULL CHECK (end_t >= start_t),
    source          varchar(16)  NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, cohort_id) REFERENCES cohort (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX school_event_cohort ON school_event (tenant_id, cohort_id, start_t);

CREATE TABLE intervention (
    tenant_id       varchar(36)  NOT NULL,
    id              varchar(36)  NOT NULL,
    child_id        varchar(36)  NOT NULL,
    type            varchar(64)  NOT NULL,
    start_t         timestamptz  NOT NULL,
    end_t           timestamptz  NOT NULL CHECK (end_t >= start_t),
    logged_by       varchar(36),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, child_id) REFERENCES child (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX intervention_child ON intervention (tenant_id, child_id, start_t);

CREATE TABLE model_version (
    id              varchar(36)  PRIMARY KEY,
    name            varchar(100) NOT NULL,
    version         integer      NOT NULL,
    status          varchar(16)  NOT NULL CHECK (status IN ('candidate', 'active', 'retired')),
    onnx            bytea,
    metrics         jsonb,
    created_at      timestamptz  NOT NULL DEFAULT now(),
    UNIQUE (name, version)
);

CREATE TABLE recommendation (
    tenant_id       varchar(36)  NOT NULL,
    id              varchar(36)  NOT NULL,
    child_id        varchar(36)  NOT NULL,
    intervention    varchar(64)  NOT NULL,
    text            varchar(1000) NOT NULL,
    scheduled_for   timestamptz,
    model_version   varchar(36)  REFERENCES model_version (id),
    arm             varchar(16),
    created_at      timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, child_id) REFERENCES child (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX recommendation_child ON recommendation (tenant_id, child_id, created_at);

-- One answer per recommendation: a second answer replaces the first.
CREATE TABLE recommendation_feedback (
    tenant_id         varchar(36)  NOT NULL,
    recommendation_id varchar(36)  NOT NULL,
    user_id           varchar(36)  NOT NULL,
    was_helpful       boolean      NOT NULL,
    comment           varchar(1000),
    "timestamp"       timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, recommendation_id),
    FOREIGN KEY (tenant_id, recommendation_id) REFERENCES recommendation (tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE analysis_result (
    tenant_id       varchar(36)  NOT NULL,
    id              varchar(36)  NOT NULL,
    child_id        varchar(36),
    cohort_id       varchar(36),
    kind            varchar(32)  NOT NULL,
    computed_at     timestamptz  NOT NULL DEFAULT now(),
    payload         jsonb        NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, child_id) REFERENCES child (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, cohort_id) REFERENCES cohort (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX analysis_result_child ON analysis_result (tenant_id, child_id, kind, computed_at);

-- Who read or wrote which child's data, and when. No child data in here, only identifiers.
CREATE TABLE audit_event (
    tenant_id       varchar(36)  NOT NULL,
    id              bigint       GENERATED ALWAYS AS IDENTITY,
    at              timestamptz  NOT NULL DEFAULT now(),
    actor_id        varchar(36)  NOT NULL,
    action          varchar(32)  NOT NULL,
    resource        varchar(120) NOT NULL,
    child_id        varchar(36),
    outcome         varchar(16)  NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX audit_event_child ON audit_event (tenant_id, child_id, at);
