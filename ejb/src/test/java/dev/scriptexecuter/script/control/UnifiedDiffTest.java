package dev.scriptexecuter.script.control;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class UnifiedDiffTest {

    private static final Pattern HUNK = Pattern.compile("@@ -(\\d+),(\\d+) \\+(\\d+),(\\d+) @@");

    @Test
    void theSameLinesGiveNoDiff() {
        assertThat(UnifiedDiff.of("a\nb\n", "a\nb", "old", "new")).isEmpty();
        assertThat(UnifiedDiff.of(null, "", "old", "new")).isEmpty();
    }

    @Test
    void aChangedLineComesWithThreeLinesOfContextOnEachSide() {
        String before = numbered(1, 10);
        String after = before.replace("line 5\n", "line five\n");

        assertThat(UnifiedDiff.of(before, after, "a/main.py", "b/main.py")).isEqualTo("""
                --- a/main.py
                +++ b/main.py
                @@ -2,7 +2,7 @@
                 line 2
                 line 3
                 line 4
                -line 5
                +line five
                 line 6
                 line 7
                 line 8
                """);
    }

    @Test
    void textAddedToNothingStartsAtLineZero() {
        assertThat(UnifiedDiff.of(null, "requests==2.32.3\nidna\n", "a/requirements.txt", "b/requirements.txt"))
                .isEqualTo("""
                        --- a/requirements.txt
                        +++ b/requirements.txt
                        @@ -0,0 +1,2 @@
                        +requests==2.32.3
                        +idna
                        """);
    }

    @Test
    void changesFarApartMakeTwoHunksAndChangesCloseTogetherOne() {
        String before = numbered(1, 30);
        String farApart = before.replace("line 3\n", "three\n").replace("line 25\n", "twenty-five\n");
        String close = before.replace("line 3\n", "three\n").replace("line 9\n", "nine\n");

        assertThat(hunks(UnifiedDiff.of(before, farApart, "a", "b"))).containsExactly("-1,6 +1,6", "-22,7 +22,7");
        assertThat(hunks(UnifiedDiff.of(before, close, "a", "b"))).containsExactly("-1,12 +1,12");
    }

    @Test
    void applyingTheDiffToTheOldTextGivesTheNewOne() {
        Random random = new Random(42);
        for (int round = 0; round < 300; round++) {
            String before = randomText(random, random.nextInt(40));
            String after = mutate(random, before);
            String diff = UnifiedDiff.of(before, after, "a", "b");
            assertThat(apply(before, diff)).as("round %d:%n%s", round, diff).isEqualTo(after.lines().toList());
        }
    }

    @Test
    void textsTooLongToMatchLineByLineStillGiveACorrectDiff() {
        // changes 4,980 lines apart: the middle has more than MAX_CELLS pairs of lines
        String before = numbered(1, 5000);
        String after = before.replace("line 2500\n", "changed\n").replace("line 4990\n", "")
                .replace("line 10\n", "line 10\nnew\n") + "tail\n";
        String diff = UnifiedDiff.of(before, after, "a", "b");

        assertThat(apply(before, diff)).isEqualTo(after.lines().toList());
    }

    private static String numbered(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "line " + i + "\n").collect(Collectors.joining());
    }

    private static String randomText(Random random, int lines) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            text.append("l").append(random.nextInt(6)).append('\n');
        }
        return text.toString();
    }

    private static String mutate(Random random, String text) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        for (int edits = random.nextInt(6); edits > 0; edits--) {
            int at = lines.isEmpty() ? 0 : random.nextInt(lines.size());
            switch (random.nextInt(3)) {
                case 0 -> lines.add(at, "n" + random.nextInt(6));
                case 1 -> { if (!lines.isEmpty()) lines.remove(at); }
                default -> { if (!lines.isEmpty()) lines.set(at, "c" + random.nextInt(6)); }
            }
        }
        return lines.stream().map(line -> line + "\n").collect(Collectors.joining());
    }

    private static List<String> hunks(String diff) {
        List<String> found = new ArrayList<>();
        Matcher matcher = HUNK.matcher(diff);
        while (matcher.find()) {
            found.add("-" + matcher.group(1) + "," + matcher.group(2) + " +" + matcher.group(3) + "," + matcher.group(4));
        }
        return found;
    }

    /** Applies a unified diff strictly: context and removed lines must be where the hunk header says. */
    private static List<String> apply(String before, String diff) {
        List<String> old = before.lines().toList();
        List<String> result = new ArrayList<>();
        int next = 0;
        List<String> lines = diff.lines().toList();
        for (int i = 2; i < lines.size(); i++) {
            Matcher header = HUNK.matcher(lines.get(i));
            assertThat(header.matches()).as("hunk header at line %d: %s", i, lines.get(i)).isTrue();
            int oldStart = Integer.parseInt(header.group(1));
            int oldCount = Integer.parseInt(header.group(2));
            int newCount = Integer.parseInt(header.group(4));
            int start = oldCount == 0 ? oldStart : oldStart - 1;
            result.addAll(old.subList(next, start));
            next = start;
            int seenOld = 0;
            int seenNew = 0;
            while (i + 1 < lines.size() && !lines.get(i + 1).startsWith("@@")) {
                String line = lines.get(++i);
                char kind = line.charAt(0);
                String text = line.substring(1);
                if (kind != '+') {
                    assertThat(old.get(next++)).isEqualTo(text);
                    seenOld++;
                }
                if (kind != '-') {
                    result.add(text);
                    seenNew++;
                }
            }
            assertThat(seenOld).isEqualTo(oldCount);
            assertThat(seenNew).isEqualTo(newCount);
        }
        result.addAll(old.subList(next, old.size()));
        return result;
    }
}
