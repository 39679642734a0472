-- Steps counted in a minute (issue #12, Open mHealth step-count): a pedometer's count, which the wearable's
-- activity (mean ENMO in mg, firmware/docs/FRAME.md) is not, so it gets a column of its own.
ALTER TABLE epoch ADD COLUMN steps integer CHECK (steps >= 0);
