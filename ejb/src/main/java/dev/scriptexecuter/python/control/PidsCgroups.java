package dev.scriptexecuter.python.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.logging.Logger;

/**
 * The pids cgroups runs are counted in: the server's own group for its work
 * directory (cgroup v1, or v2 where the pids controller is delegated), one
 * group per run below it, and emptying a group of whatever is left in it.
 */
final class PidsCgroups {

    private static final Logger LOG = Logger.getLogger(PidsCgroups.class.getName());
    private static final String CGROUP_V1_PIDS = "/sys/fs/cgroup/pids";
    private static final String CGROUP_V2 = "/sys/fs/cgroup";

    private PidsCgroups() {
    }

    /** The processes in a cgroup (host process ids); empty without one. */
    static List<Long> processesIn(Path cgroup) {
        if (cgroup == null) {
            return List.of();
        }
        try {
            return Files.readAllLines(cgroup.resolve("cgroup.procs")).stream().filter(line -> !line.isBlank())
                    .map(line -> Long.parseLong(line.strip())).toList();
        } catch (IOException | NumberFormatException e) {
            return List.of();
        }
    }

    /** Our own pids cgroup (v1, or v2 where the pids controller can be used below ours) for a work directory. */
    static Path base(Path workDirectory) throws IOException {
        String name = "script-executer-" + shortHash(workDirectory.toAbsolutePath().toString());
        Path v1 = Path.of(CGROUP_V1_PIDS);
        if (Files.isDirectory(v1) && Files.isWritable(v1)) {
            return usable(v1.resolve(ownCgroup("pids")).resolve(name));
        }
        Path v2 = Path.of(CGROUP_V2);
        if (Files.exists(v2.resolve("cgroup.controllers"))
                && Files.readString(v2.resolve("cgroup.controllers")).contains("pids")) {
            Path own = v2.resolve(ownCgroup(""));
            if (Files.isWritable(own)) {
                Path base = usable(own.resolve(name));
                Files.writeString(base.resolve("cgroup.subtree_control"), "+pids");
                return base;
            }
        }
        throw new IOException("no writable pids cgroup (needs root or a delegated cgroup)");
    }

    private static Path usable(Path base) throws IOException {
        Files.createDirectories(base);
        if (!Files.exists(base.resolve("cgroup.procs"))) {
            throw new IOException(base + " is not a cgroup");
        }
        return base;
    }

    /** This process's cgroup path in the hierarchy with the given controller ("" for v2). */
    static String ownCgroup(String controller) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
            String[] parts = line.split(":", 3);
            if (parts.length == 3 && (controller.isEmpty() ? parts[0].equals("0")
                    : List.of(parts[1].split(",")).contains(controller))) {
                return parts[2].startsWith("/") ? parts[2].substring(1) : parts[2];
            }
        }
        return "";
    }

    /** Kills what is left in a cgroup and removes it. */
    static void clear(Path cgroup) {
        if (!kill(cgroup)) {
            return;
        }
        try {
            Files.deleteIfExists(cgroup);
        } catch (IOException e) {
            LOG.fine(() -> "cgroup " + cgroup + " could not be removed yet: " + e.getMessage());
        }
    }

    /** Kills what is left in a cgroup, waiting (1 s at most) until it is empty; false when there is no such group. */
    static boolean kill(Path cgroup) {
        for (int attempt = 0; attempt < 50; attempt++) {
            List<String> pids;
            try {
                pids = Files.readAllLines(cgroup.resolve("cgroup.procs")).stream().filter(p -> !p.isBlank()).toList();
            } catch (IOException e) {
                return false;
            }
            if (pids.isEmpty()) {
                return true;
            }
            pids.forEach(pid -> ProcessHandle.of(Long.parseLong(pid.strip())).ifPresent(ProcessHandle::destroyForcibly));
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private static String shortHash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
