package dev.scriptexecuter.execution.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sizes of a directory tree and the cleaning up after a run that went beyond its disk limit. Symbolic
 * links are not followed (a script may link to anything), and files that vanish while the tree is
 * walked (the run is still writing) are skipped rather than failing the measurement.
 */
public final class DirectorySize {

    private DirectorySize() {
    }

    /** Bytes in the regular files below {@code directory}; 0 when it does not exist. */
    public static long of(Path directory) {
        AtomicLong total = new AtomicLong();
        walk(directory, (file, attributes) -> total.addAndGet(attributes.size()));
        return total.get();
    }

    /**
     * Deletes the regular files below {@code directory} written or changed since {@code since}; returns how
     * many. "Changed" is the inode's change time, which the kernel sets and a script cannot move back (it can
     * set a file's modification time into the past with {@code os.utime}, which would keep a big file).
     */
    static long deleteChangedSince(Path directory, Instant since) {
        AtomicLong deleted = new AtomicLong();
        walk(directory, (file, attributes) -> {
            if (!changed(file, attributes).isBefore(since) && Files.deleteIfExists(file)) {
                deleted.incrementAndGet();
            }
        });
        return deleted.get();
    }

    /** The later of the file's modification and inode change times (the latter where the file system has one). */
    private static Instant changed(Path file, BasicFileAttributes attributes) throws IOException {
        Instant modified = attributes.lastModifiedTime().toInstant();
        try {
            Instant inode = ((FileTime) Files.getAttribute(file, "unix:ctime", LinkOption.NOFOLLOW_LINKS)).toInstant();
            return inode.isAfter(modified) ? inode : modified;
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return modified;
        }
    }

    /** "1.2 GiB", "256 MiB", "12 KiB", "300 bytes". */
    public static String readable(long bytes) {
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return (value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value))
                + " " + units[unit];
    }

    private interface FileAction {
        void accept(Path file, BasicFileAttributes attributes) throws IOException;
    }

    private static void walk(Path directory, FileAction action) {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try {
            Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    if (attributes.isRegularFile()) {
                        action.accept(file, attributes);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot measure " + directory, e);
        }
    }
}
