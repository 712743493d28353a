-- What a webhook's body looks like: the server's own signed JSON, or a message Slack or Microsoft Teams shows.
ALTER TABLE webhook ADD COLUMN body_format VARCHAR(20) DEFAULT 'JSON' NOT NULL;
