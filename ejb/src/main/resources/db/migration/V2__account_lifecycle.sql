-- Accounts can be disabled and their tokens revoked; consents record how they were given.

-- Every token carries the account's token version; raising it (log-out, password or role change, disabling)
-- makes every token issued before useless at once.
ALTER TABLE app_user ADD COLUMN token_version integer NOT NULL DEFAULT 0;
-- A disabled account cannot log in and its tokens stop working; the row stays for the audit trail.
ALTER TABLE app_user ADD COLUMN disabled_at timestamptz;
-- User names are unique regardless of case: "Counsellor" and "counsellor" are the same person.
CREATE UNIQUE INDEX app_user_username_ci ON app_user (lower(username));

-- How the guardian gave consent (in the app, on paper, ...), beside who and when.
ALTER TABLE consent ADD COLUMN method varchar(32) NOT NULL DEFAULT 'app';
