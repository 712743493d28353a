package dev.scriptexecuter.python.control;

import dev.scriptexecuter.infrastructure.WorkDirectory;
import dev.scriptexecuter.python.boundary.Harness;
import dev.scriptexecuter.python.boundary.ResourceUsage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;

/**
 * A harness a warm worker forked for one run. Its output comes through a FIFO
 * in the run directory; when the run is over the worker goes back to its
 * pool (or is retired, when the wait for the run was interrupted).
 */
public final class WarmHarness implements Harness {

    private final WarmWorker worker;
    private final WarmWorkers workers;
    private final Path directory;
    private final Path output;
    private final Thread reader;
    private volatile boolean exited;
    private volatile boolean abandoned;

    private WarmHarness(WarmWorker worker, WarmWorkers workers, Path directory, Path output, Thread reader) {
        this.worker = worker;
        this.workers = workers;
        this.directory = directory;
        this.output = output;
        this.reader = reader;
    }

    /**
     * Has {@code worker} fork the run whose files are in {@code directory}.
     *
     * @throws IOException when the worker failed before the run started (nothing of it runs)
     */
    static WarmHarness start(WarmWorker worker, WarmWorkers workers, Path directory, Map<String, String> environment,
                             long processLimit, Consumer<String> lines, ThreadFactory threads) throws IOException {
        Path output = directory.resolve("output.fifo");
        worker.begin(directory, output, environment, processLimit);
        Thread reader = threads.newThread(() -> OutputLines.read(() -> Files.newInputStream(output), lines));
        reader.start();
        return new WarmHarness(worker, workers, directory, output, reader);
    }

    @Override
    public String mode() {
        return Harness.WARM;
    }

    @Override
    public Path directory() {
        return directory;
    }

    @Override
    public boolean alive() {
        return !exited;
    }

    @Override
    public ResourceUsage processUsage() {
        return exited ? worker.lastUsage() : null;
    }

    @Override
    public void kill() {
        worker.kill();
    }

    @Override
    public int awaitExit() throws InterruptedException {
        try {
            return worker.awaitExit();
        } catch (InterruptedException e) {
            abandoned = true;
            throw e;
        } finally {
            exited = true;
        }
    }

    /**
     * The run's process is gone. If it died before it opened the FIFO, the
     * reader still waits to open it: a writer that comes and goes releases it.
     */
    @Override
    public void awaitOutput() throws InterruptedException {
        reader.join(OutputLines.CAPTURE_GRACE_MILLIS / 5);
        if (reader.isAlive()) {
            try (FileChannel release = FileChannel.open(output, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                // opened read-write, a FIFO never blocks; closing it gives a waiting reader its end of file
            } catch (IOException e) {
                // the run directory is gone: so is the reader's FIFO
            }
            reader.join(OutputLines.CAPTURE_GRACE_MILLIS);
        }
    }

    @Override
    public void close() {
        WorkDirectory.deleteTree(directory);
        if (abandoned) {
            worker.retire();
        }
        workers.give(worker);
    }
}
