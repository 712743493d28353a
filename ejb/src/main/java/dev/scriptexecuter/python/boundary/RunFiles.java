package dev.scriptexecuter.python.boundary;

import java.nio.file.Path;

/** Writes a run's files into the run directory the launcher chose, before the harness starts. */
@FunctionalInterface
public interface RunFiles {

    void write(Path directory);
}
