package dev.scriptexecuter.script.boundary;

import dev.scriptexecuter.script.entity.ScriptVersion;

import java.time.Instant;

/**
 * A version of a script's code as the API and the dashboard show it; in a list
 * of versions the code itself is left out (null).
 *
 * @param current whether the script's code is this version now
 */
public record ScriptVersionView(int number, String author, Instant createdAt, String contentHash, String message,
                                boolean current, String mainCode, String triggerCode, String requirements) {

    static ScriptVersionView of(ScriptVersion version, int current) {
        return new ScriptVersionView(version.number(), version.author(), version.createdAt(), version.contentHash(),
                version.message(), version.number() == current, version.mainCode(), version.triggerCode(),
                version.requirements());
    }

    ScriptVersionView withoutCode() {
        return new ScriptVersionView(number, author, createdAt, contentHash, message, current, null, null, null);
    }
}
