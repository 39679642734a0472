-- Audit rows say in which role the actor acted and which request (or job execution) did it, so that a
-- disclosure log can answer "who, as what, when, in which request" (FERPA 34 CFR 99.32), and a request's rows
-- can be found from the reference a client quotes.

-- The caller's roles at the time, comma-separated in name order (as app_user.roles); null for rows written before.
ALTER TABLE audit_event ADD COLUMN actor_roles varchar(200);
-- The X-Request-Id of the HTTP request, or "job-<execution id>" for a job's work; null for rows written before.
ALTER TABLE audit_event ADD COLUMN request_id varchar(64);

-- The disclosure log reads a child's rows newest first.
CREATE INDEX audit_event_child_id ON audit_event (tenant_id, child_id, id);
