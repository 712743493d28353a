package dev.scriptexecuter.script.control;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff (as {@code diff -u} and {@code git diff} print it) of two
 * texts, line by line with three lines of context. The lines between the
 * common start and end are matched by their longest common subsequence; past
 * {@link #MAX_CELLS} comparisons the middle is shown as removed and added
 * whole, which is still a correct diff, only a longer one. A missing newline
 * at the end of a text is not reported.
 */
public final class UnifiedDiff {

    static final int CONTEXT = 3;
    static final long MAX_CELLS = 4_000_000;

    private enum Op { SAME, REMOVED, ADDED }

    private record Edit(Op op, String line, int oldLine, int newLine) {
    }

    private UnifiedDiff() {
    }

    /** The diff, with headers; empty when the texts have the same lines. A null text has no lines. */
    public static String of(String oldText, String newText, String oldName, String newName) {
        List<String> a = lines(oldText);
        List<String> b = lines(newText);
        List<Edit> edits = edits(a, b);
        if (edits.stream().allMatch(edit -> edit.op() == Op.SAME)) {
            return "";
        }
        StringBuilder out = new StringBuilder("--- ").append(oldName).append("\n+++ ").append(newName).append('\n');
        int i = 0;
        while (i < edits.size()) {
            if (edits.get(i).op() == Op.SAME) {
                i++;
                continue;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = hunkEnd(edits, i);
            hunk(out, edits.subList(start, end));
            i = end;
        }
        return out.toString();
    }

    private static List<String> lines(String text) {
        return text == null ? List.of() : text.lines().toList();
    }

    /** Where the hunk with a change at {@code first} ends: after the last change that is close enough. */
    private static int hunkEnd(List<Edit> edits, int first) {
        int lastChange = first;
        for (int i = first + 1; i < edits.size() && i <= lastChange + 2 * CONTEXT; i++) {
            if (edits.get(i).op() != Op.SAME) {
                lastChange = i;
            }
        }
        return Math.min(edits.size(), lastChange + CONTEXT + 1);
    }

    private static void hunk(StringBuilder out, List<Edit> hunk) {
        int oldCount = (int) hunk.stream().filter(edit -> edit.op() != Op.ADDED).count();
        int newCount = (int) hunk.stream().filter(edit -> edit.op() != Op.REMOVED).count();
        out.append("@@ -").append(range(hunk.get(0).oldLine(), oldCount))
                .append(" +").append(range(hunk.get(0).newLine(), newCount)).append(" @@\n");
        for (Edit edit : hunk) {
            out.append(switch (edit.op()) {
                case SAME -> ' ';
                case REMOVED -> '-';
                case ADDED -> '+';
            }).append(edit.line()).append('\n');
        }
    }

    /** "start,count" with 1-based lines; an empty range names the line before it, as diff does. */
    private static String range(int firstIndex, int count) {
        return (count == 0 ? firstIndex : firstIndex + 1) + "," + count;
    }

    private static List<Edit> edits(List<String> a, List<String> b) {
        int prefix = 0;
        while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < a.size() - prefix && suffix < b.size() - prefix
                && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
            suffix++;
        }
        List<Edit> edits = new ArrayList<>();
        for (int i = 0; i < prefix; i++) {
            edits.add(new Edit(Op.SAME, a.get(i), i, i));
        }
        middle(edits, a.subList(prefix, a.size() - suffix), b.subList(prefix, b.size() - suffix), prefix, prefix);
        for (int i = suffix; i > 0; i--) {
            edits.add(new Edit(Op.SAME, a.get(a.size() - i), a.size() - i, b.size() - i));
        }
        return edits;
    }

    /** The changed middle, matched by a longest common subsequence table when it is small enough. */
    private static void middle(List<Edit> edits, List<String> a, List<String> b, int oldOffset, int newOffset) {
        int n = a.size();
        int m = b.size();
        int[][] common = (long) n * m <= MAX_CELLS ? new int[n + 1][m + 1] : new int[1][1];
        if (common.length == n + 1) {
            for (int i = n - 1; i >= 0; i--) {
                for (int j = m - 1; j >= 0; j--) {
                    common[i][j] = a.get(i).equals(b.get(j)) ? common[i + 1][j + 1] + 1
                            : Math.max(common[i + 1][j], common[i][j + 1]);
                }
            }
        }
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            boolean tabled = common.length == n + 1;
            if (tabled && i < n && j < m && a.get(i).equals(b.get(j))) {
                edits.add(new Edit(Op.SAME, a.get(i), oldOffset + i++, newOffset + j++));
            } else if (i < n && (j == m || !tabled || common[i + 1][j] >= common[i][j + 1])) {
                edits.add(new Edit(Op.REMOVED, a.get(i), oldOffset + i++, newOffset + j));
            } else {
                edits.add(new Edit(Op.ADDED, b.get(j), oldOffset + i, newOffset + j++));
            }
        }
    }
}
