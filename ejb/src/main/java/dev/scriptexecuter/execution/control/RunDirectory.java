package dev.scriptexecuter.execution.control;

import dev.scriptexecuter.infrastructure.Json;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The files through which the server and the harness talk for one run:
 * {@code main.py}, {@code trigger.py} and {@code input.json} in,
 * {@code output.json} out (read by {@link RunReport}). Never the user's stdout.
 */
public final class RunDirectory {

    private RunDirectory() {
    }

    public static Path prepare(Path directory, RunTicket ticket) {
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve("main.py"), ticket.mainCode(), StandardCharsets.UTF_8);
            if (ticket.triggerCode() != null && !ticket.triggerCode().isBlank()) {
                Files.writeString(directory.resolve("trigger.py"), ticket.triggerCode(), StandardCharsets.UTF_8);
            }
            var environment = Json.PROVIDER.createObjectBuilder();
            ticket.variables().forEach(environment::add);
            JsonObject input = Json.PROVIDER.createObjectBuilder()
                    .add("data", Json.parseObject(ticket.dataJson()))
                    .add("force", ticket.force())
                    .add("input", ticket.inputJson() == null ? Json.PROVIDER.createObjectBuilder().build()
                            : Json.parseObject(ticket.inputJson()))
                    .add("environment", environment)
                    .build();
            // the run's variables (secrets among them) reach only the harness inside the sandbox, through this
            // file, never the environment of the programs that set the sandbox up; readable by the server only
            Path file = directory.resolve("input.json");
            Files.deleteIfExists(file);
            Files.createFile(file, ownerOnly());
            Files.writeString(file, input.toString(), StandardCharsets.UTF_8);
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the run directory " + directory, e);
        }
    }

    private static java.nio.file.attribute.FileAttribute<?>[] ownerOnly() {
        if (!java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new java.nio.file.attribute.FileAttribute<?>[0];
        }
        return new java.nio.file.attribute.FileAttribute<?>[] {java.nio.file.attribute.PosixFilePermissions
                .asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"))};
    }
}
