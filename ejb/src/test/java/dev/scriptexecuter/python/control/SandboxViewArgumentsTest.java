package dev.scriptexecuter.python.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.scriptexecuter.python.boundary.ExtraSandboxPaths;
import dev.scriptexecuter.python.boundary.TestPython;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The bubblewrap arguments of the sandbox's view, without running bubblewrap. */
class SandboxViewArgumentsTest {

    @TempDir
    Path work;

    private List<String> arguments(List<Path> serverPaths, ExtraSandboxPaths extra) throws IOException {
        SandboxView cut = new SandboxView(TestPython.interpreter(), work.resolve("sandbox"), serverPaths, extra);
        return cut.arguments(work.resolve("runs/r1"), work.resolve("scripts/s1"), work.resolve("env"),
                work.resolve("python"), ExtraSandboxPaths.NONE);
    }

    @Test
    void theRootIsNotBoundOnlyWhatPythonNeeds() throws IOException {
        List<String> args = arguments(List.of(), ExtraSandboxPaths.parse(null, null));

        assertThat(pairs(args, "--ro-bind")).doesNotContain("/", "/etc", "/home", "/root", "/var", "/opt")
                .contains("/usr", "/etc/hosts", work.resolve("env").toString(), work.resolve("python").toString());
        assertThat(pairs(args, "--bind")).containsExactly(work.resolve("runs/r1").toString(),
                work.resolve("scripts/s1").toString());
        assertThat(args.subList(args.size() - 2, args.size())).as("the root itself is read-only, last")
                .containsExactly("--remount-ro", "/");
    }

    @Test
    void anInterpreterOutsideUsrIsBoundByItsPrefixOnly() throws IOException {
        Path prefix = TestPython.interpreter().basePrefix();
        assumeTrue(!prefix.startsWith("/usr"), "the interpreter here is the system's: " + prefix);

        List<String> bound = pairs(arguments(List.of(), ExtraSandboxPaths.parse(null, null)), "--ro-bind");

        assertThat(bound).contains(prefix.toString());
        assertThat(bound).as("nothing above the prefix").noneMatch(path -> prefix.startsWith(path)
                && !prefix.equals(Path.of(path)));
        assertThat(Collections.frequency(bound, prefix.toString())).as("once, however it is reached").isEqualTo(1);
    }

    @Test
    void theServersDirectoriesInsideUsrAreCoveredOnceAndThoseOutsideAreNotMounted() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        Path jdk = Path.of(System.getProperty("java.home"));
        assumeTrue(Files.isDirectory(jvms) && jdk.startsWith(jvms), "the JDK is not under /usr/lib/jvm here");

        List<String> args = arguments(List.of(jvms, jdk, work), ExtraSandboxPaths.parse(null, null));

        assertThat(pairs(args, "--tmpfs")).containsExactly("/tmp", jvms.toString());
    }

    @Test
    void theOperatorsPathsAreBoundAsTheSettingsSay() throws IOException {
        List<String> args = arguments(List.of(), ExtraSandboxPaths.parse("/srv/reference", "/srv/results"));

        assertThat(pairs(args, "--ro-bind-try")).containsExactly("/srv/reference");
        assertThat(pairs(args, "--bind-try")).containsExactly("/srv/results");
    }

    /** The sources of the given option's mounts. */
    private static List<String> pairs(List<String> args, String option) {
        List<String> sources = new ArrayList<>();
        for (int i = 0; i < args.size() - 1; i++) {
            if (args.get(i).equals(option)) {
                sources.add(args.get(i + 1));
            }
        }
        return sources;
    }
}
