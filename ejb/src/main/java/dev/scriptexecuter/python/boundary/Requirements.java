package dev.scriptexecuter.python.boundary;

import dev.scriptexecuter.infrastructure.RequestRejected;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A script's {@code requirements.txt}, checked and normalised. Only package
 * requirements are accepted (names with extras, version specifiers and
 * environment markers, comments and blank lines); everything that would make
 * pip fetch or read from somewhere the server did not choose is refused with
 * the line it is on: pip options, other requirement files, local paths, and
 * URLs unless the administrator allows direct URLs.
 * <p>
 * The normalised form (canonical names, no spaces, sorted, no duplicates) is
 * what the environment is built from, and its SHA-256 is the environment's id:
 * scripts whose requirements mean the same share one environment.
 *
 * @param packages the normalised requirement lines, sorted
 * @param hash     SHA-256 of the normalised text, 64 hex digits
 */
public record Requirements(List<String> packages, String hash) {

    private static final Pattern NAME = Pattern.compile("([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)");
    private static final Pattern EXTRAS = Pattern.compile("\\[([^\\]]*)]");
    private static final Pattern CLAUSE = Pattern.compile("(~=|===|==|!=|<=|>=|<|>)([A-Za-z0-9.*+!_-]+)");
    private static final Pattern MARKER_TOKEN = Pattern.compile("\\s*(?:(python_version|python_full_version|os_name"
            + "|sys_platform|platform_release|platform_system|platform_version|platform_machine"
            + "|platform_python_implementation|implementation_name|implementation_version|extra)\\b"
            + "|'[^']*'|\"[^\"]*\"|===|==|!=|<=|>=|~=|<|>|\\(|\\)|(?:not\\s+)?in\\b|and\\b|or\\b)\\s*");
    private static final Pattern URL = Pattern.compile("(?i)^(?:[a-z][a-z0-9+.-]*://|git\\+|hg\\+|svn\\+|bzr\\+)\\S*");
    private static final Pattern HASH_OPTION = Pattern.compile("--hash[= ]?(sha256|sha384|sha512):[0-9a-fA-F]+");
    private static final Pattern COMMENT = Pattern.compile("(^|\\s)#.*$");
    private static final String ARCHIVES = "(?i).*\\.(whl|zip|tar|tar\\.gz|tgz|tar\\.bz2|tar\\.xz|egg)$";

    public Requirements {
        packages = List.copyOf(packages);
    }

    /** The text pip installs from: one normalised requirement per line. */
    public String text() {
        return packages.stream().map(line -> line + "\n").collect(Collectors.joining());
    }

    /**
     * @param text            the file as the user wrote it, may be null
     * @param allowDirectUrls whether {@code name @ https://…} and bare URLs are allowed (setting ses.env.allow-direct-urls)
     * @return null when the text names no package at all (the script runs on the base interpreter)
     * @throws RequestRejected naming the first line that is refused
     */
    public static Requirements parse(String text, boolean allowDirectUrls) {
        if (text == null) {
            return null;
        }
        TreeSet<String> lines = new TreeSet<>();
        String[] physical = text.split("\\r?\\n|\\r", -1);
        for (int i = 0; i < physical.length; i++) {
            int number = i + 1;
            StringBuilder logical = new StringBuilder(physical[i]);
            while (endsWithContinuation(logical) && i + 1 < physical.length) {
                logical.setLength(logical.length() - 1);
                logical.append(physical[++i]);
            }
            String line = COMMENT.matcher(logical).replaceFirst("").strip();
            if (!line.isEmpty()) {
                lines.add(requirement(line, number, allowDirectUrls));
            }
        }
        return lines.isEmpty() ? null : new Requirements(new ArrayList<>(lines), sha256(String.join("\n", lines)));
    }

    private static boolean endsWithContinuation(CharSequence line) {
        return !line.isEmpty() && line.charAt(line.length() - 1) == '\\';
    }

    private static String requirement(String line, int number, boolean allowDirectUrls) {
        if (line.startsWith("-")) {
            String option = line.split("[\\s=]", 2)[0];
            throw refused(number, line, "pip options such as '" + option + "' are not allowed. Package indexes,"
                    + " find-links and constraints come from the server's configuration; list packages only.");
        }
        List<String> hashes = new ArrayList<>();
        String body = hashOptions(line, number, hashes);
        if (URL.matcher(body).matches()) {
            return direct(body, number, line, allowDirectUrls, hashes);
        }
        String beforeMarker = body.split(";", 2)[0];
        String locator = beforeMarker.split("@", 2)[0];
        if (looksLikePath(locator)) {
            throw refused(number, line, "local paths and files are not allowed; name a package, such as 'requests==2.32.3'.");
        }
        Matcher name = NAME.matcher(body);
        if (!name.lookingAt()) {
            throw refused(number, line, "this is not a package requirement; write a package name, optionally with"
                    + " extras, a version and a marker, such as 'requests[socks]>=2.31; python_version >= \"3.9\"'.");
        }
        StringBuilder normal = new StringBuilder(canonicalName(name.group(1)));
        String rest = body.substring(name.end()).strip();
        Matcher extras = EXTRAS.matcher(rest);
        if (extras.lookingAt()) {
            normal.append(extras(extras.group(1), number, line));
            rest = rest.substring(extras.end()).strip();
        }
        if (rest.startsWith("@")) {
            return direct(body, number, line, allowDirectUrls, hashes);
        }
        String[] specAndMarker = rest.split(";", 2);
        normal.append(versions(specAndMarker[0], number, line));
        if (specAndMarker.length == 2) {
            normal.append("; ").append(marker(specAndMarker[1], number, line));
        }
        hashes.forEach(hash -> normal.append(" --hash=").append(hash));
        return normal.toString();
    }

    /** Takes the per-requirement {@code --hash} options off the end of a line; any other option is refused. */
    private static String hashOptions(String line, int number, List<String> hashes) {
        int option = line.indexOf(" --");
        if (option < 0) {
            option = line.indexOf("\t--");
        }
        if (option < 0) {
            return line;
        }
        for (String part : line.substring(option).strip().split("\\s+(?=--)")) {
            Matcher hash = HASH_OPTION.matcher(part.strip());
            if (!hash.matches()) {
                throw refused(number, line, "the option '" + part.strip().split("[\\s=]", 2)[0]
                        + "' is not allowed; only '--hash=sha256:…' may follow a requirement.");
            }
            hashes.add(part.strip().substring("--hash".length()).replaceFirst("^[= ]", "").toLowerCase(Locale.ROOT));
        }
        return line.substring(0, option).strip();
    }

    private static String direct(String body, int number, String line, boolean allowed, List<String> hashes) {
        if (body.toLowerCase(Locale.ROOT).contains("file:")) {
            throw refused(number, line, "local paths and files are not allowed; name a package, such as 'requests==2.32.3'.");
        }
        if (!allowed) {
            throw refused(number, line, "direct URLs (including git+…) are not allowed on this server; name a package"
                    + " from the configured index, or ask an administrator to set ses.env.allow-direct-urls=true.");
        }
        if (body.chars().anyMatch(Character::isWhitespace) && !body.matches("[^\\s@]+\\s*@\\s*\\S+(\\s*;.*)?")) {
            throw refused(number, line, "a direct URL requirement must look like 'name @ https://…'.");
        }
        StringBuilder normal = new StringBuilder(body.replaceAll("\\s*@\\s*", " @ ").strip());
        hashes.forEach(hash -> normal.append(" --hash=").append(hash));
        return normal.toString();
    }

    private static boolean looksLikePath(String locator) {
        String text = locator.strip();
        return text.startsWith(".") || text.startsWith("/") || text.startsWith("~") || text.contains("/")
                || text.contains("\\") || text.matches(ARCHIVES);
    }

    private static String extras(String list, int number, String line) {
        TreeSet<String> names = new TreeSet<>();
        for (String extra : list.split(",")) {
            String name = extra.strip();
            if (name.isEmpty()) {
                continue;
            }
            if (!NAME.matcher(name).matches()) {
                throw refused(number, line, "'" + name + "' is not a valid extra name.");
            }
            names.add(canonicalName(name));
        }
        return names.isEmpty() ? "" : "[" + String.join(",", names) + "]";
    }

    private static String versions(String spec, int number, String line) {
        String text = spec.replaceAll("\\s+", "");
        if (text.startsWith("(") && text.endsWith(")")) {
            text = text.substring(1, text.length() - 1);
        }
        if (text.isEmpty()) {
            return "";
        }
        List<String> clauses = new ArrayList<>();
        for (String clause : text.split(",", -1)) {
            if (!CLAUSE.matcher(clause).matches()) {
                throw refused(number, line, "'" + clause + "' is not a version specifier; use one such as '==1.2',"
                        + " '>=1.0,<2' or '~=1.4'.");
            }
            clauses.add(clause);
        }
        return String.join(",", clauses);
    }

    private static String marker(String marker, int number, String line) {
        String text = marker.strip().replaceAll("\\s+", " ");
        if (text.isEmpty() || !MARKER_TOKEN.matcher(text).replaceAll("").isEmpty()) {
            throw refused(number, line, "'" + text + "' is not an environment marker; use one such as"
                    + " 'python_version >= \"3.9\"' or 'sys_platform == \"linux\"'.");
        }
        return text;
    }

    /** PEP 503: lower case, runs of '-', '_' and '.' become one '-'. */
    static String canonicalName(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
    }

    private static RequestRejected refused(int number, String line, String why) {
        String shown = line.length() > 200 ? line.substring(0, 200) + "…" : line;
        return RequestRejected.invalid("requirements.txt line " + number + " ('" + shown + "'): " + why)
                .with("field", "requirements").with("line", number);
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "Requirements" + Arrays.toString(packages.toArray()) + " #" + hash.substring(0, 12);
    }
}
