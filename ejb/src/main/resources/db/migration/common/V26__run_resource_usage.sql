-- What a run's processes used: CPU time (user, system) and peak resident memory, as the process itself
-- reports them (getrusage or wait4), and where each run has cgroups of its own, the cgroup's figures.
-- NULL where nothing was measured (a run that never started, a spawned run killed without cgroups).
ALTER TABLE run ADD COLUMN cpu_user_ms BIGINT;
ALTER TABLE run ADD COLUMN cpu_system_ms BIGINT;
ALTER TABLE run ADD COLUMN peak_memory_bytes BIGINT;
ALTER TABLE run ADD COLUMN cgroup_cpu_user_ms BIGINT;
ALTER TABLE run ADD COLUMN cgroup_cpu_system_ms BIGINT;
ALTER TABLE run ADD COLUMN cgroup_peak_memory_bytes BIGINT;
