package dev.scriptexecuter.infrastructure;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a write may demand of the resource it changes, from its
 * {@code If-Match} and {@code If-None-Match} headers: that it still is as
 * the caller read it (one of the given tags, or {@code *}: that it exists) or
 * that it does not exist yet. Checked by the boundary inside the write's own
 * transaction, against the view the caller would read, so nothing can slip in
 * between the check and the write.
 *
 * @param ifMatch     the tags of {@code If-Match}, or null when absent
 * @param ifNoneMatch the tags of {@code If-None-Match}, or null when absent
 */
public record Precondition(List<String> ifMatch, List<String> ifNoneMatch) {

    /** No condition: the write applies to whatever is there. */
    public static final Precondition NONE = new Precondition(null, null);

    public static final String ANY = "*";

    /** The write is for the resource as {@code view} shows it, e.g. a row a page listed. */
    public static Precondition matching(Object view) {
        return view == null ? new Precondition(null, List.of(ANY)) : new Precondition(List.of(EntityTags.of(view)), null);
    }

    public Precondition {
        ifMatch = ifMatch == null ? null : List.copyOf(ifMatch);
        ifNoneMatch = ifNoneMatch == null ? null : List.copyOf(ifNoneMatch);
    }

    /**
     * Refuses the write (412, with the current tag) unless the resource as it
     * is now meets the condition.
     *
     * @param current the view of the resource as it is now (null when there is none), asked for only when
     *                there is a condition: most writes have none, and the view and its tag are not free
     * @param what    the resource in words, e.g. "The script"
     */
    public void check(Supplier<?> current, String what) {
        if (!given()) {
            return;
        }
        Object view = current.get();
        String tag = view == null ? null : EntityTags.of(view);
        if (ifMatch != null && (tag == null || !ifMatch.contains(ANY) && !ifMatch.contains(tag))) {
            throw RequestRejected.preconditionFailed(tag == null
                    ? what + " does not exist (If-Match asks for an existing one); nothing was changed."
                    : what + " was changed by somebody else since you read it, so nothing was changed. Read it"
                    + " again and apply your change to what it is now (its ETag is " + tag + " now, not "
                    + String.join(", ", ifMatch) + ").").with("etag", tag);
        }
        if (ifNoneMatch != null && tag != null && (ifNoneMatch.contains(ANY) || ifNoneMatch.contains(tag))) {
            throw RequestRejected.preconditionFailed(what + " exists already (If-None-Match: " + String.join(", ", ifNoneMatch)
                    + "); nothing was changed.").with("etag", tag);
        }
    }

    /** Whether the caller said anything about the resource's state. */
    public boolean given() {
        return ifMatch != null || ifNoneMatch != null;
    }

    /**
     * The condition of a write's headers; a header that is not {@code *} or a
     * list of entity tags is a 400.
     *
     * @param requiredBy the setting that makes a condition required (428 without one), or null when it is not
     */
    public static Precondition fromHeaders(String ifMatch, String ifNoneMatch, String requiredBy) {
        if (ifMatch == null && ifNoneMatch == null) {
            if (requiredBy != null) {
                throw RequestRejected.preconditionRequired("This server changes a resource only when the request"
                        + " says which state of it the change is for: send If-Match with the ETag of the answer you"
                        + " read (or If-None-Match: * to create one). Setting " + requiredBy + ".");
            }
            return NONE;
        }
        return new Precondition(tags("If-Match", ifMatch, false), tags("If-None-Match", ifNoneMatch, true));
    }

    /**
     * The tags of a header: {@code *} or a comma-separated list of quoted tags,
     * each possibly weak ({@code W/"..."}). For If-None-Match the comparison
     * is weak, so the {@code W/} is dropped; for If-Match it is strong, so a
     * weak tag is kept as sent and matches nothing.
     *
     * @return null when the header is absent
     */
    public static List<String> tags(String header, String value, boolean weakComparison) {
        if (value == null) {
            return null;
        }
        String text = value.strip();
        if (text.equals(Precondition.ANY)) {
            return List.of(Precondition.ANY);
        }
        List<String> tags = new ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            boolean weak = text.startsWith("W/", at);
            int open = weak ? at + 2 : at;
            int close = open < text.length() && text.charAt(open) == '"' ? text.indexOf('"', open + 1) : -1;
            if (close < 0) {
                throw malformed(header, value);
            }
            String tag = text.substring(open, close + 1);
            tags.add(weak && !weakComparison ? "W/" + tag : tag);
            at = skipSeparator(text, close + 1, header, value);
        }
        if (tags.isEmpty()) {
            throw malformed(header, value);
        }
        return tags;
    }

    private static int skipSeparator(String text, int from, String header, String value) {
        int at = from;
        while (at < text.length() && text.charAt(at) == ' ') {
            at++;
        }
        if (at == text.length()) {
            return at;
        }
        if (text.charAt(at) != ',') {
            throw malformed(header, value);
        }
        at++;
        while (at < text.length() && text.charAt(at) == ' ') {
            at++;
        }
        if (at == text.length()) {
            throw malformed(header, value);
        }
        return at;
    }

    private static RequestRejected malformed(String header, String value) {
        return RequestRejected.invalid(header + " must be * or a list of quoted entity tags, such as \"Zx3…\" as"
                + " the ETag header gave it (quotes included); it is " + quoted(value) + ".").with("field", header);
    }

    private static String quoted(String value) {
        String shown = value.length() > 80 ? value.substring(0, 80) + "…" : value;
        return "'" + shown + "'";
    }
}
