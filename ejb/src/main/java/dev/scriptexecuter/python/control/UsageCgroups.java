package dev.scriptexecuter.python.control;

import dev.scriptexecuter.python.boundary.ResourceUsage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The cgroups that account a spawned run's CPU time and peak memory, whatever
 * its processes do (a run killed at its timeout reports nothing itself): on
 * cgroup v1 a group per run in the cpuacct and the memory hierarchy, on v2
 * the run's own group with the cpu and memory controllers enabled. Where the
 * server may not make them, runs have only their processes' own figures.
 */
final class UsageCgroups {

    private static final String V1 = "/sys/fs/cgroup/";

    /** The parent groups runs' accounting groups are made in: v1 cpuacct and memory, or nothing for v2. */
    record Bases(Path cpu, Path memory, boolean v2) {

        static final Bases NONE = new Bases(null, null, false);

        boolean any() {
            return cpu != null || memory != null || v2;
        }
    }

    private UsageCgroups() {
    }

    /**
     * Next to the pids base: on v1 groups of the same name in cpuacct and memory, on v2 the base itself with
     * cpu and memory enabled below it. What cannot be had is left out.
     */
    static Bases bases(Path pidsBase) {
        if (pidsBase == null) {
            return Bases.NONE;
        }
        String name = pidsBase.getFileName().toString();
        if (!pidsBase.startsWith(V1 + "pids")) {
            try {
                Files.writeString(pidsBase.resolve("cgroup.subtree_control"), "+cpu +memory");
                return new Bases(null, null, true);
            } catch (IOException e) {
                return Bases.NONE;
            }
        }
        return new Bases(v1Base("cpuacct", name), v1Base("memory", name), false);
    }

    private static Path v1Base(String controller, String name) {
        try {
            Path hierarchy = Path.of(V1 + controller);
            if (!Files.isDirectory(hierarchy)) {
                return null;
            }
            Path base = hierarchy.resolve(PidsCgroups.ownCgroup(controller)).resolve(name);
            Files.createDirectories(base);
            return Files.exists(base.resolve("cgroup.procs")) ? base : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The accounting groups for one run (v1; on v2 the run's pids group accounts by itself): made, empty. */
    static List<Path> create(Bases bases, String name) throws IOException {
        List<Path> groups = new ArrayList<>();
        for (Path base : new Path[] {bases.cpu(), bases.memory()}) {
            if (base != null) {
                Path group = base.resolve(name);
                Files.createDirectories(group);
                groups.add(group);
            }
        }
        return groups;
    }

    /** What the run's groups counted: its pids group on v2, else its v1 accounting groups; null for none. */
    static ResourceUsage read(Bases bases, Path runGroup, List<Path> accounting) {
        if (bases.v2() && runGroup != null) {
            Long user = microsToMillis(statValue(runGroup.resolve("cpu.stat"), "user_usec"));
            Long system = microsToMillis(statValue(runGroup.resolve("cpu.stat"), "system_usec"));
            return usage(user, system, number(runGroup.resolve("memory.peak")));
        }
        Long user = null;
        Long system = null;
        Long peak = null;
        for (Path group : accounting) {
            if (group.startsWith(V1 + "cpuacct")) {
                user = nanosToMillis(number(group.resolve("cpuacct.usage_user")));
                system = nanosToMillis(number(group.resolve("cpuacct.usage_sys")));
            } else if (group.startsWith(V1 + "memory")) {
                peak = number(group.resolve("memory.max_usage_in_bytes"));
            }
        }
        return usage(user, system, peak);
    }

    private static ResourceUsage usage(Long user, Long system, Long peak) {
        ResourceUsage usage = new ResourceUsage(user, system, peak);
        return usage.measured() ? usage : null;
    }

    /** Removes a run's accounting groups once its processes are gone (they are, after the pids group's clear). */
    static void remove(List<Path> accounting) {
        for (Path group : accounting) {
            try {
                Files.deleteIfExists(group);
            } catch (IOException e) {
                // a straggler still holds it; the next start's leftover sweep removes it
            }
        }
    }

    /** At start-up: accounting groups of runs of a server that died on this work directory. */
    static void removeLeftovers(Bases bases) {
        for (Path base : new Path[] {bases.cpu(), bases.memory()}) {
            if (base == null) {
                continue;
            }
            try (Stream<Path> groups = Files.list(base)) {
                remove(groups.filter(p -> p.getFileName().toString().startsWith("run-")).toList());
            } catch (IOException e) {
                // nothing to remove
            }
        }
    }

    private static Long number(Path file) {
        try {
            return Long.parseLong(Files.readString(file).strip());
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }

    private static Long statValue(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                String[] parts = line.strip().split("\\s+");
                if (parts.length == 2 && parts[0].equals(key)) {
                    return Long.parseLong(parts[1]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return null;
        }
        return null;
    }

    private static Long microsToMillis(Long micros) {
        return micros == null ? null : micros / 1000;
    }

    private static Long nanosToMillis(Long nanos) {
        return nanos == null ? null : nanos / 1_000_000;
    }
}
