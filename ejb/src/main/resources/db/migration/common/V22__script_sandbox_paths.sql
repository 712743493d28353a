-- Host paths a script's sandbox shows besides the operator's (an admin's choice), one per line.
ALTER TABLE script ADD COLUMN sandbox_read_only VARCHAR(2000);
ALTER TABLE script ADD COLUMN sandbox_writable VARCHAR(2000);
