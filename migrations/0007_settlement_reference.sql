-- A short human reference per submission (e.g. NV-2024-7K3M9Q), answered by the
-- submit and mailed to the submitting user. Unique over every submission, the
-- reopened ones included; a random collision is retried by the app. Version 1
-- never went live, so no submission predates this column (NULL would be allowed).

ALTER TABLE settlement_submissions ADD COLUMN reference TEXT;
CREATE UNIQUE INDEX settlement_submissions_reference
    ON settlement_submissions (reference) WHERE reference IS NOT NULL;
