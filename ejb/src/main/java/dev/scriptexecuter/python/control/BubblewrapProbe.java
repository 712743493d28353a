package dev.scriptexecuter.python.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Whether bubblewrap is installed and works here: found on the PATH, then tried once on a trivial command. */
final class BubblewrapProbe {

    private BubblewrapProbe() {
    }

    /** bubblewrap's executable, if installed. */
    static Optional<Path> onPath(String program) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/local/bin:/usr/bin:/bin");
        return Stream.concat(Stream.of(path.split(":")), Stream.of("/usr/bin", "/bin"))
                .filter(dir -> !dir.isBlank()).map(dir -> Path.of(dir, program)).filter(Files::isExecutable).findFirst();
    }

    /** Null when a sandbox with the system's view starts and ends well; else what went wrong. */
    static String tryBwrap(Path bwrap) {
        try {
            List<String> command = new ArrayList<>(List.of(bwrap.toString(), "--die-with-parent", "--unshare-all",
                    "--unshare-user", "--uid", "65534", "--gid", "65534", "--cap-drop", "ALL"));
            command.addAll(SandboxView.system());
            command.addAll(List.of("--remount-ro", "/", "true"));
            Process probe = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!probe.waitFor(10, TimeUnit.SECONDS)) {
                probe.destroyForcibly();
                return "it did not finish within 10 s";
            }
            return probe.exitValue() == 0 ? null : output.isEmpty() ? "exit code " + probe.exitValue() : output;
        } catch (IOException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
