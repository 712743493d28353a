package dev.scriptexecuter.variable.boundary;

import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.secret.boundary.SecretMask;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** What a variable's name and value may be: names are environment variable names the runs' setup does not use. */
public final class VariableRules {

    public static final int MAX_VALUE_CHARS = 65_536;
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,99}");
    /** Names that change how programs start or find their code: the runs' own setup uses them. */
    private static final Set<String> RESERVED = Set.of("PATH", "HOME", "PWD", "SHELL", "USER", "LANG", "TMPDIR",
            "VIRTUAL_ENV", "BASH_ENV", "ENV", "IFS", "GCONV_PATH", "NLSPATH", "HOSTALIASES", "LOCALDOMAIN",
            "MALLOC_CHECK_", "RESOLV_HOST_CONF");
    private static final List<String> RESERVED_PREFIXES = List.of("SES_", "LD_", "PYTHON", "BWRAP");

    private VariableRules() {
    }

    public static String name(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw RequestRejected.invalid("A variable's name is a letter or _ followed by up to 99 letters, digits or _,"
                    + " as environment variables are named; '" + name + "' is not.").with("field", "name");
        }
        String upper = name.toUpperCase(java.util.Locale.ROOT);
        if (RESERVED.contains(upper) || RESERVED_PREFIXES.stream().anyMatch(upper::startsWith)) {
            throw RequestRejected.invalid("'" + name + "' is set up by the server for every run or changes how"
                    + " programs start (as do all SES_*, LD_* and PYTHON* names); choose another name.")
                    .with("field", "name");
        }
        return name;
    }

    public static String value(String value, boolean secret) {
        if (value == null) {
            throw RequestRejected.invalid("Send {\"value\": \"...\", \"secret\": true|false}.").with("field", "value");
        }
        if (value.length() > MAX_VALUE_CHARS || value.indexOf('\0') >= 0) {
            throw RequestRejected.invalid("A variable's value is up to " + MAX_VALUE_CHARS
                    + " characters without NUL characters.").with("field", "value");
        }
        if (secret && value.length() < SecretMask.MIN_LENGTH) {
            throw RequestRejected.invalid("A secret has at least " + SecretMask.MIN_LENGTH + " characters, so that"
                    + " masking it in logs cannot hide ordinary output.").with("field", "value");
        }
        return value;
    }
}
