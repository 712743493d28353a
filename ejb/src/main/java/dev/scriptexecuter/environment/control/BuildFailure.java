package dev.scriptexecuter.environment.control;

import java.util.Objects;

/**
 * Why an environment could not be built, as an operator reads it: the cause
 * in a first sentence of its own, then the detail pip gave (which requirement,
 * which error). Kept short: it heads the environment's record and the error of
 * every run that needed the environment, and the install log has the rest.
 *
 * @param detail what pip said about this failure in particular, a sentence; empty when there is nothing to add
 */
public record BuildFailure(Cause cause, String detail) {

    private static final int MAX_CHARS = 1500;

    /** What went wrong, each with the sentence that says so first. */
    public enum Cause {
        INDEX_UNREACHABLE("The package index could not be reached."),
        NO_SUCH_VERSION("The package index has no version that matches a requirement."),
        NO_SUCH_PACKAGE("A required package was not found in the package sources."),
        INVALID_REQUIREMENT("pip refused a line of requirements.txt."),
        CONFLICT("The requirements conflict with each other."),
        HASH_MISMATCH("A downloaded package did not match its hash in requirements.txt."),
        BUILD_FAILED("A package failed to build from its source."),
        TIMED_OUT("The installation took longer than its time limit (setting ses.env.install-timeout) and was killed."),
        DISK_FULL("The server ran out of disk space while installing."),
        VENV_FAILED("The virtualenv could not be created."),
        SERVER_ERROR("The server could not run the installation."),
        OTHER("pip could not install the requirements.");

        private final String sentence;

        Cause(String sentence) {
            this.sentence = sentence;
        }

        public String sentence() {
            return sentence;
        }
    }

    public BuildFailure {
        Objects.requireNonNull(cause);
        detail = detail == null ? "" : detail.strip();
    }

    /** The cause's sentence followed by the detail, capped so that a run's error stays readable. */
    public String summary() {
        String text = detail.isEmpty() ? cause.sentence() : cause.sentence() + " " + detail;
        return text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS - 1) + "…" : text;
    }
}
