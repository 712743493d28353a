package dev.scriptexecuter.python.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The resource limits a run's process starts under ({@code prlimit}): no core
 * files, its address space, the largest file it may write, and where no pids
 * cgroup counts its processes, RLIMIT_NPROC (which counts every task of the
 * user: the server's own threads and other runs included).
 */
final class ProcessLimits {

    private ProcessLimits() {
    }

    /**
     * The {@code prlimit} command up to {@code --}.
     *
     * @param addressSpace bytes of address space; 0 for no limit
     * @param largestFile  bytes of the largest file; 0 for no limit
     * @param processes    processes and threads of the run's own, or 0 for no RLIMIT_NPROC
     */
    static List<String> prlimit(long addressSpace, long largestFile, int processes) {
        List<String> command = new ArrayList<>(List.of("prlimit", "--core=0"));
        if (addressSpace > 0) {
            command.add("--as=" + addressSpace);
        }
        if (largestFile > 0) {
            // a single write of gigabytes stops at once (Python gets EFBIG); totals are watched by DiskLimits
            command.add("--fsize=" + largestFile);
        }
        if (processes > 0) {
            // RLIMIT_NPROC counts every task of the user: allow what there is now plus the run's own share
            command.add("--nproc=" + (userTasks() + processes));
        }
        command.add("--");
        return command;
    }

    /** Tasks (processes and threads) of the user this server runs as, counted in /proc; 0 where that fails. */
    static long userTasks() {
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            String uid = realUid(Path.of("/proc/self/status"));
            return entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .mapToLong(p -> {
                        try {
                            List<String> status = Files.readAllLines(p.resolve("status"));
                            return uid.equals(realUid(status)) ? threads(status) : 0;
                        } catch (IOException | RuntimeException e) {
                            return 0; // gone meanwhile
                        }
                    }).sum();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static String realUid(Path status) throws IOException {
        return realUid(Files.readAllLines(status));
    }

    private static String realUid(List<String> status) {
        return status.stream().filter(line -> line.startsWith("Uid:")).findFirst()
                .map(line -> line.substring(4).trim().split("\\s+")[0]).orElseThrow();
    }

    private static long threads(List<String> status) {
        return status.stream().filter(line -> line.startsWith("Threads:")).findFirst()
                .map(line -> Long.parseLong(line.substring(8).trim())).orElse(1L);
    }

}
