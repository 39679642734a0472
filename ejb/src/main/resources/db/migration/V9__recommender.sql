-- Issue 14: recommendations that learn from parents' feedback.
--
-- Models are per tenant: a school's or clinic's parents train the model that serves its own children, and no tenant's
-- feedback shapes another's recommendations. Nothing wrote model_version before this version (it was declared, shared
-- and unused), so it is emptied and rebuilt as a tenant-owned, walled table.
--
-- A model version is a logistic ranker over (context, intervention) features, as ONNX (served by ONNX Runtime) and
-- as its parameters (for the offline evaluation of the next candidate). Its life: 'active' (serves every child, one
-- per tenant), 'candidate' (passed the offline check and serves the A/B test's candidate arm, at most one),
-- 'retired' (replaced, or rolled back), 'rejected' (estimated worse offline: never exposed).
ALTER TABLE recommendation DROP CONSTRAINT IF EXISTS recommendation_model_version_fkey;
DELETE FROM model_version;
ALTER TABLE model_version DROP CONSTRAINT IF EXISTS model_version_name_version_key;
ALTER TABLE model_version DROP CONSTRAINT IF EXISTS model_version_status_check;
ALTER TABLE model_version DROP CONSTRAINT model_version_pkey;
ALTER TABLE model_version
    ADD COLUMN tenant_id         varchar(36) NOT NULL REFERENCES tenant (id),
    ADD COLUMN feature_version   integer     NOT NULL,
    ADD COLUMN catalogue_version varchar(32) NOT NULL,
    ADD COLUMN parameters        jsonb       NOT NULL,
    ADD COLUMN trained_on        integer     NOT NULL DEFAULT 0 CHECK (trained_on >= 0),
    ADD COLUMN status_at         timestamptz NOT NULL DEFAULT now(),
    ADD PRIMARY KEY (tenant_id, id),
    ADD UNIQUE (tenant_id, name, version),
    ADD CONSTRAINT model_version_status_check CHECK (status IN ('candidate', 'active', 'retired', 'rejected'));
ALTER TABLE model_version ALTER COLUMN onnx SET NOT NULL;
CREATE UNIQUE INDEX model_version_one_active ON model_version (tenant_id, name) WHERE status = 'active';
CREATE UNIQUE INDEX model_version_one_candidate ON model_version (tenant_id, name) WHERE status = 'candidate';

-- What the policy saw and did, so that a later model can be trained and evaluated off-policy on it: the context
-- (features are recomputed from it by the encoder version of the day), the candidates it chose among, and the
-- probability with which it chose this one.
ALTER TABLE recommendation
    ADD COLUMN context    jsonb,
    ADD COLUMN candidates jsonb,
    ADD COLUMN propensity double precision CHECK (propensity > 0 AND propensity <= 1),
    ADD COLUMN why        jsonb,
    ADD FOREIGN KEY (tenant_id, model_version) REFERENCES model_version (tenant_id, id);
CREATE INDEX recommendation_model ON recommendation (tenant_id, model_version);

-- Every step of a model's life, for the tenant admin: trained, rejected offline, A/B started, promoted, rolled back.
CREATE TABLE model_event (
    tenant_id     varchar(36)  NOT NULL REFERENCES tenant (id),
    id            bigint       GENERATED ALWAYS AS IDENTITY,
    at            timestamptz  NOT NULL DEFAULT now(),
    kind          varchar(32)  NOT NULL
        CHECK (kind IN ('cold_start', 'trained', 'rejected', 'ab_started', 'promoted', 'rolled_back', 'replaced',
                        'skipped')),
    model_version varchar(36),
    detail        jsonb        NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX model_event_recent ON model_event (tenant_id, at DESC);

-- The retraining job is also started by parents' feedback (every Nth item).
ALTER TABLE job_run DROP CONSTRAINT IF EXISTS job_run_trigger_check;
ALTER TABLE job_run ADD CONSTRAINT job_run_trigger_check CHECK (trigger IN ('api', 'schedule', 'recovery', 'feedback'));

SELECT zenmoon_wall_tenant_table('model_version');
SELECT zenmoon_wall_tenant_table('model_event');
