-- A run's input (a JSON object given when it was asked for; main and trigger get it as their second parameter),
-- its result (the JSON value main returned), and the schema a script's inputs are checked against.
ALTER TABLE run ADD COLUMN input_json TEXT;
ALTER TABLE run ADD COLUMN result_json TEXT;
ALTER TABLE script ADD COLUMN input_schema TEXT;
