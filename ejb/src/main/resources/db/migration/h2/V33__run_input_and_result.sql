-- A run's input (a JSON object given when it was asked for; main and trigger get it as their second parameter)
-- and its result (the JSON value main returned).
ALTER TABLE run ADD COLUMN input_json CLOB;
ALTER TABLE run ADD COLUMN result_json CLOB;
