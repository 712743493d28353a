-- Accounts that log in through an OpenID Connect identity provider: found again by the provider's issuer and
-- subject (never by name, so an IdP user cannot take over a local account of the same name), with no password
-- here (its hash is null; the identity store refuses every password for them). provider_disabled: disabled
-- because the provider gave it no role any more (it comes back when the provider does), not by an admin.
ALTER TABLE app_user ALTER COLUMN password_hash DROP NOT NULL;
ALTER TABLE app_user ADD COLUMN external_issuer VARCHAR(255);
ALTER TABLE app_user ADD COLUMN external_subject VARCHAR(255);
ALTER TABLE app_user ADD COLUMN provider_disabled BOOLEAN DEFAULT FALSE NOT NULL;
CREATE UNIQUE INDEX app_user_external ON app_user (external_issuer, external_subject);
