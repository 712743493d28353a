package dev.scriptexecuter.execution.control;

import dev.scriptexecuter.execution.entity.RunOutcome;
import dev.scriptexecuter.infrastructure.ByteSizes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Keeps a run within its disk space: the script's home ({@code ses.run.max-home-bytes}) and the run's
 * directory ({@code ses.run.max-dir-bytes}). RLIMIT_FSIZE caps a single file; {@link RunWatch} measures the
 * totals while the run goes (every {@code ses.run.disk-check-interval}), kills the run that goes beyond one,
 * and checks once more when it has ended, so a run never ends SUCCEEDED over a limit: it ends
 * DISK_LIMIT, keeps the previous data, and what it wrote to the home is deleted.
 */
@ApplicationScoped
public class DiskLimits {

    @Inject
    @ConfigProperty(name = "ses.run.max-home-bytes", defaultValue = "1g")
    String maxHome;

    @Inject
    @ConfigProperty(name = "ses.run.max-dir-bytes", defaultValue = "256m")
    String maxRunDirectory;

    @Inject
    @ConfigProperty(name = "ses.run.disk-check-interval", defaultValue = "PT1S")
    Duration interval;

    /** The home's limit in bytes; 0 for none. */
    public long homeLimit() {
        return ByteSizes.parse("ses.run.max-home-bytes", maxHome);
    }

    long runDirectoryLimit() {
        return ByteSizes.parse("ses.run.max-dir-bytes", maxRunDirectory);
    }

    /**
     * The largest file a run may write (RLIMIT_FSIZE; 0 for none): one byte more than the larger limit, so
     * that a file stopped there puts its directory over the limit and the run ends DISK_LIMIT, not only FAILED.
     */
    long largestFile() {
        long home = homeLimit();
        long run = runDirectoryLimit();
        return home == 0 || run == 0 ? 0 : Math.max(home, run) + 1;
    }

    /** How often a running run's home and directory are measured ({@link RunWatch}); at least 50 ms. */
    Duration interval() {
        return interval.toMillis() < 50 ? Duration.ofMillis(50) : interval;
    }

    /**
     * The run has ended: if it went beyond a limit (seen while it ran, or now), it ends DISK_LIMIT without
     * its data, and the files it wrote or changed in the home since {@code began} are deleted.
     */
    RunResult enforce(RunResult result, LiveRun live, Path home, Path runDirectory, Instant began) {
        Optional<String> reason = Optional.ofNullable(live.overDiskLimitBecause()).or(() -> over(home, runDirectory));
        if (reason.isEmpty()) {
            return result;
        }
        long deleted = DirectorySize.deleteChangedSince(home, began);
        return new RunResult(RunOutcome.DISK_LIMIT, result.exitCode(), reason.get() + " The run was ended; the "
                + deleted + " file(s) it wrote to its home were deleted and the previous data is kept.",
                result.log(), null, result.usage(), result.cgroupUsage());
    }

    /** Which limit the home or the run directory is beyond now, in a sentence; empty when neither. */
    Optional<String> over(Path home, Path runDirectory) {
        return over("the script's home", home, homeLimit(), "ses.run.max-home-bytes")
                .or(() -> over("the run's directory", runDirectory, runDirectoryLimit(), "ses.run.max-dir-bytes"));
    }

    private static Optional<String> over(String what, Path directory, long limit, String setting) {
        if (limit <= 0) {
            return Optional.empty();
        }
        long size = DirectorySize.of(directory);
        return size <= limit ? Optional.empty() : Optional.of("Disk limit: " + what + " holds "
                + DirectorySize.readable(size) + ", more than its limit of " + DirectorySize.readable(limit)
                + " (setting " + setting + ").");
    }
}
