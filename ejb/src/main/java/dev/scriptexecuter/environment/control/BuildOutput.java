package dev.scriptexecuter.environment.control;

import dev.scriptexecuter.environment.control.BuildFailure.Cause;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a failed build of a package from its source (a setup.py, a
 * compiler) out of pip's output: which package, and the first error of the
 * build's own output, which is what the package's author or the operator
 * (a missing compiler or header) needs to see.
 */
final class BuildOutput {

    private static final List<Pattern> PACKAGE = List.of(
            Pattern.compile("Failed building wheel for (\\S+)"),
            Pattern.compile("Could not build wheels for (\\S+?),? "),
            Pattern.compile("Building wheel for (\\S+) \\("),
            Pattern.compile("^(?:Collecting|Processing) (\\S+)"));
    private static final Pattern COMPILER_ERROR = Pattern.compile(":\\d+:(?:\\d+:)? (?:fatal )?error: ");

    private BuildOutput() {
    }

    static BuildFailure failure(List<String> lines) {
        String line = firstError(lines);
        String which = packageName(lines);
        return new BuildFailure(Cause.BUILD_FAILED, (which.isEmpty() ? "The build" : "The build of " + which)
                + (line.isEmpty() ? " failed; pip's output is in the install log." : " stopped with: " + line
                + (line.endsWith(".") ? "" : ".")));
    }

    private static String packageName(List<String> lines) {
        for (Pattern pattern : PACKAGE) {
            String found = lines.stream().map(pattern::matcher).filter(Matcher::find).map(m -> m.group(1))
                    .reduce((a, b) -> b).orElse("");
            if (!found.isEmpty()) {
                return found;
            }
        }
        return "";
    }

    /** A compiler's first error, else the last error line of the build's output. */
    private static String firstError(List<String> lines) {
        return lines.stream().filter(line -> COMPILER_ERROR.matcher(line).find()).map(String::strip).findFirst()
                .orElseGet(() -> lines.stream().map(String::strip)
                        .filter(line -> line.toLowerCase(java.util.Locale.ROOT).startsWith("error:")
                                && !line.contains("subprocess-exited-with-error")
                                && !line.contains("metadata-generation-failed"))
                        .reduce((a, b) -> b).orElse(""));
    }
}
