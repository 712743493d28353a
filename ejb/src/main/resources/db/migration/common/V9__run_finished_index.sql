-- Each node looks every second for runs other nodes finished, to push them to its dashboards.
CREATE INDEX run_finished_at ON run (finished_at);
