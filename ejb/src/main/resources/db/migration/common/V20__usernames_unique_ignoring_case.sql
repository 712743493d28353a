-- Usernames are unique whatever their case ("ADMIN" cannot be created beside "admin"): a lower-case key
-- with a unique constraint (H2 and PostgreSQL compare case-sensitively, MariaDB's default collation does not).
-- Accounts that already differ only by case keep working: all but the oldest get their id in their key.
ALTER TABLE app_user ADD COLUMN username_key VARCHAR(101);
UPDATE app_user SET username_key = LOWER(username);
UPDATE app_user SET username_key = CONCAT(LOWER(username), '#', id) WHERE id IN (
    SELECT id FROM (SELECT later.id FROM app_user later JOIN app_user earlier
        ON LOWER(earlier.username) = LOWER(later.username)
        AND (earlier.created_at < later.created_at OR (earlier.created_at = later.created_at AND earlier.id < later.id))
    ) duplicates);
ALTER TABLE app_user ADD CONSTRAINT app_user_username_key_unique UNIQUE (username_key);
