-- The accounts API: tenant names are unique regardless of case, and a withdrawn consent records who withdrew
-- it and when the data it covered is due for erasure.

-- Two schools called "Riverside School" and "riverside school" would be one organisation twice.
CREATE UNIQUE INDEX tenant_name_ci ON tenant (lower(name));

-- Who withdrew the consent (a guardian's account id).
ALTER TABLE consent ADD COLUMN withdrawn_by varchar(36);
-- Withdrawal stops use at once; the data the scope covered is erased once this time has passed (the grace
-- period zenmoon.consent.erasure-grace-days), unless the guardian grants the scope again before then, which
-- clears it. Null for active consents and for ones replaced by a newer grant.
ALTER TABLE consent ADD COLUMN erasure_due_at timestamptz;
CREATE INDEX consent_erasure_due ON consent (erasure_due_at) WHERE erasure_due_at IS NOT NULL;
-- The jobs ask "which children have an active consent for this scope" of each tenant.
CREATE INDEX consent_active_scope ON consent (tenant_id, scope, child_id) WHERE withdrawn_at IS NULL;
