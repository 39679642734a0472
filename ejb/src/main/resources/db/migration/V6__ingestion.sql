-- Ingestion (issue #12): what a paired device uploads, kept idempotent and fast.

-- Epochs are written in bulk (one INSERT ... ON CONFLICT DO NOTHING per batch). A foreign key on a partitioned
-- table checks every row with a query of its own, which cost 60% of the write time (measured: 235,638 rows in
-- 3.5 s with it, 1.4 s without). The ingestion service locks the child's row (FOR KEY SHARE) once per batch
-- instead, which gives the same guarantee against a concurrent erasure, and erasure deletes a child's epochs
-- by their child_id (JpaChildRecordRepository walks every table with one).
ALTER TABLE epoch DROP CONSTRAINT epoch_tenant_id_child_id_fkey;

-- What the wearable measures beyond API.md's first fields (firmware/docs/FRAME.md): skin-conductance responses,
-- whether it was worn (wear), and the on-device model's anomaly score.
ALTER TABLE epoch ADD COLUMN scr smallint CHECK (scr >= 0);
ALTER TABLE epoch ADD COLUMN wear boolean;
ALTER TABLE epoch ADD COLUMN anomaly real CHECK (anomaly BETWEEN 0 AND 1);

-- Each accepted batch, once per device and batch id: a resent batch is answered from here and stores nothing.
-- The phone's clock (when it sent the batch) is kept beside the server's, and a skew beyond the configured
-- limit is flagged.
CREATE TABLE ingest_batch (
    tenant_id           varchar(36)  NOT NULL,
    device_id           varchar(36)  NOT NULL,
    batch_id            varchar(64)  NOT NULL,
    child_id            varchar(36)  NOT NULL,
    channel             varchar(8)   NOT NULL CHECK (channel IN ('rest', 'mqtt', 'omh')),
    received_at         timestamptz  NOT NULL,
    phone_sent_at       timestamptz,
    clock_skew_seconds  integer,
    clock_skew_flagged  boolean      NOT NULL DEFAULT false,
    first_t             timestamptz,
    last_t              timestamptz,
    items               integer      NOT NULL CHECK (items >= 0),
    accepted            integer      NOT NULL CHECK (accepted >= 0),
    duplicates          integer      NOT NULL CHECK (duplicates >= 0),
    PRIMARY KEY (tenant_id, device_id, batch_id),
    FOREIGN KEY (tenant_id, child_id) REFERENCES child (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX ingest_batch_child ON ingest_batch (tenant_id, child_id, received_at);

-- Events a child's phone reports (an exam, a match); cohort-wide school events stay in school_event.
CREATE TABLE child_event (
    tenant_id       varchar(36)  NOT NULL,
    id              varchar(36)  NOT NULL,
    child_id        varchar(36)  NOT NULL,
    type            varchar(64)  NOT NULL,
    start_t         timestamptz  NOT NULL,
    end_t           timestamptz  NOT NULL CHECK (end_t >= start_t),
    source          varchar(16)  NOT NULL,
    created_at      timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, child_id, type, start_t),
    FOREIGN KEY (tenant_id, child_id) REFERENCES child (tenant_id, id) ON DELETE CASCADE
);

-- Alerts raised from stored data: stress above the child's own baseline for a sustained time, or the device's
-- anomaly score over its threshold. One alert per child, kind and start; acknowledging it is recorded.
CREATE TABLE alert (
    tenant_id        varchar(36)  NOT NULL,
    id               varchar(36)  NOT NULL,
    child_id         varchar(36)  NOT NULL,
    kind             varchar(32)  NOT NULL CHECK (kind IN ('sustained_stress', 'device_anomaly')),
    started_at       timestamptz  NOT NULL,
    ended_at         timestamptz  NOT NULL CHECK (ended_at >= started_at),
    raised_at        timestamptz  NOT NULL,
    value            real         NOT NULL,
    threshold        real         NOT NULL,
    acknowledged_at  timestamptz,
    acknowledged_by  varchar(36),
    note             varchar(500),
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, child_id, kind, started_at),
    FOREIGN KEY (tenant_id, child_id) REFERENCES child (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX alert_raised ON alert (tenant_id, raised_at);

-- A device is found by its id alone when its token arrives; revoked devices stay as history.
CREATE INDEX device_active ON device (tenant_id, id) WHERE revoked_at IS NULL;

SELECT zenmoon_wall_tenant_table('ingest_batch');
SELECT zenmoon_wall_tenant_table('child_event');
SELECT zenmoon_wall_tenant_table('alert');
