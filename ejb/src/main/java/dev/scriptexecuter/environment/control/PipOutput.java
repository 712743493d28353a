package dev.scriptexecuter.environment.control;

import dev.scriptexecuter.environment.control.BuildFailure.Cause;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the install log of a failed build and says why it failed. pip's own
 * last words mislead: with the index out of reach it ends "Could not find a
 * version that satisfies the requirement six==1.16.0 (from versions: none)",
 * which reads like a wrong version, while the cause (a name that does not
 * resolve, a refused connection) is only in the warnings of its retries. So
 * the log is read as a whole, the most specific cause first, and pip's last
 * error line is the fallback. The one place that turns a failed build into words.
 */
public final class PipOutput {

    private static final Pattern NOT_FOUND = Pattern.compile(
            "Could not find a version that satisfies the requirement (.+?) \\(from versions: (.*)\\)");
    private static final Pattern NO_MATCH = Pattern.compile("No matching distribution found for (\\S+)");
    private static final Pattern INDEX = Pattern.compile("(?:--index-url |Looking in indexes: )(\\S+)");
    private static final Pattern REQUIREMENTS_PATH = Pattern.compile("of \\S*requirements\\.txt");
    private static final String SERVER_MARK = "[the server ";

    private PipOutput() {
    }

    /** Why the build whose output this is failed. */
    public static BuildFailure diagnose(String log) {
        List<String> lines = (log == null ? "" : log).lines().map(String::stripTrailing).toList();
        String text = String.join("\n", lines);
        Optional<String> unreachable = IndexTrouble.reason(lines);
        Matcher notFound = NOT_FOUND.matcher(text);
        boolean anyNotFound = notFound.find();
        boolean none = anyNotFound && notFound.group(2).strip().equals("none");
        if (text.contains("[the installation took longer than its time limit")) {
            return new BuildFailure(Cause.TIMED_OUT, "");
        }
        if (text.contains("No space left on device") || text.contains("[Errno 28]")) {
            return new BuildFailure(Cause.DISK_FULL, "The installation stopped with: No space left on device.");
        }
        if (venvFailed(lines)) {
            return new BuildFailure(Cause.VENV_FAILED, said(lastMeaningful(lines)));
        }
        if (text.contains(SERVER_MARK)) {
            return new BuildFailure(Cause.SERVER_ERROR, said(lastLineContaining(lines, SERVER_MARK)));
        }
        if (text.contains("Invalid requirement:")) {
            return new BuildFailure(Cause.INVALID_REQUIREMENT, said(lastLineContaining(lines, "Invalid requirement:")));
        }
        if (unreachable.isPresent() && (none || !anyNotFound)) {
            return new BuildFailure(Cause.INDEX_UNREACHABLE, "pip gave up on " + index(text) + " after '"
                    + unreachable.get() + "'" + lookingFor(text) + ".");
        }
        return anyNotFound ? notFound(notFound.group(1).strip(), none, notFound.group(2), text) : others(lines, text);
    }

    /** The index answered (or there is none, only find-links) and had nothing that fits. */
    private static BuildFailure notFound(String requirement, boolean none, String versions, String text) {
        return none
                ? new BuildFailure(Cause.NO_SUCH_PACKAGE, "Nothing was found for " + requirement + " in " + index(text)
                        + ": no such package, or none of its files fits this Python and platform.")
                : new BuildFailure(Cause.NO_SUCH_VERSION, "No version matches " + requirement
                        + "; the versions there: " + versions(versions) + ".");
    }

    /** The causes that do not end in "Could not find a version". */
    private static BuildFailure others(List<String> lines, String text) {
        if (text.contains("conflicting dependencies") || text.contains("ResolutionImpossible")) {
            return new BuildFailure(Cause.CONFLICT, said(lastLineContaining(lines, "Cannot install")));
        }
        if (text.contains("DO NOT MATCH THE HASHES")) {
            return new BuildFailure(Cause.HASH_MISMATCH, said(lastLineContaining(lines, "Expected sha256")));
        }
        if (text.contains("subprocess-exited-with-error") || text.contains("Failed building wheel")) {
            return BuildOutput.failure(lines);
        }
        return new BuildFailure(Cause.OTHER, said(lastError(lines)));
    }

    private static boolean venvFailed(List<String> lines) {
        return lines.stream().filter(line -> line.startsWith("$ ")).reduce((a, b) -> b)
                .map(command -> command.contains(" -m venv ")).orElse(false);
    }

    private static String index(String text) {
        Matcher index = INDEX.matcher(text);
        return index.find() ? index.group(1).replaceAll(",$", "") : "the package sources";
    }

    private static String lookingFor(String text) {
        Matcher noMatch = NO_MATCH.matcher(text);
        return noMatch.find() ? " while looking for " + noMatch.group(1) : "";
    }

    private static String versions(String list) {
        String[] all = list.split(",\\s*");
        return all.length <= 10 ? list.strip()
                : "…, " + String.join(", ", List.of(all).subList(all.length - 10, all.length));
    }

    /** pip's last line starting "ERROR:", else the last line that is not the server's own note. */
    static String lastError(List<String> lines) {
        return lines.stream().filter(line -> line.startsWith("ERROR:")).reduce((a, b) -> b)
                .orElseGet(() -> lastMeaningful(lines));
    }

    static String lastMeaningful(List<String> lines) {
        return lines.stream().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("[exit code")
                && !line.startsWith("$ ")).reduce((a, b) -> b).orElse("");
    }

    static String lastLineContaining(List<String> lines, String part) {
        return lines.stream().filter(line -> line.contains(part)).reduce((a, b) -> b).orElse("");
    }

    /** A line of pip's as a sentence: "It said: …", without the server's paths. */
    static String said(String line) {
        String quoted = REQUIREMENTS_PATH.matcher(line.strip().replaceFirst("^ERROR:\\s*", ""))
                .replaceAll("of requirements.txt");
        quoted = quoted.replaceAll("^\\[(.*)]$", "$1");
        return quoted.isEmpty() ? "" : "It said: " + quoted + (quoted.endsWith(".") ? "" : ".");
    }
}
