package dev.scriptexecuter.execution.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The host's processes that belong to a run, found by the {@code SES_RUN_ID}
 * in their environment: the harness and everything it started, whatever
 * process group, session or PID namespace (sandbox) they are in.
 */
public final class RunProcesses {

    private RunProcesses() {
    }

    public static List<ProcessHandle> of(String runId) {
        byte[] marker = ("SES_RUN_ID=" + runId + "\0").getBytes(StandardCharsets.UTF_8);
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive).filter(process -> {
            try {
                byte[] environment = Files.readAllBytes(Path.of("/proc", String.valueOf(process.pid()), "environ"));
                return indexOf(environment, marker) >= 0;
            } catch (IOException | SecurityException e) {
                return false;
            }
        }).toList();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
