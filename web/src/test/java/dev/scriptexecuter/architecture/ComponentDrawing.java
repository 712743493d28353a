package dev.scriptexecuter.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Mermaid {@code flowchart} of docs/ARCHITECTURE.md: its components and
 * the arrows between them ({@code a --> b}, {@code a["label"] --> b}).
 */
record ComponentDrawing(Set<String> components, Set<Arrow> arrows) {

    static final String DOCUMENT = "docs/ARCHITECTURE.md";

    private static final String NODE = "(\\w+)(?:\\[\"[^\"]*\"])?";
    private static final Pattern ARROW = Pattern.compile("\\s*" + NODE + "\\s*-->\\s*" + NODE + "\\s*");
    private static final Pattern ALONE = Pattern.compile("\\s*" + NODE + "\\s*");

    /** An arrow from a component to one it uses. */
    record Arrow(String from, String to) {

        @Override
        public String toString() {
            return from + " --> " + to;
        }
    }

    /** The drawing in the document, found from the build's working folder upwards. */
    static ComponentDrawing read() {
        Path folder = Path.of("").toAbsolutePath();
        while (folder != null && !Files.exists(folder.resolve(DOCUMENT))) {
            folder = folder.getParent();
        }
        if (folder == null) {
            throw new IllegalStateException(DOCUMENT + " not found above " + Path.of("").toAbsolutePath());
        }
        try {
            return parse(Files.readAllLines(folder.resolve(DOCUMENT)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ComponentDrawing parse(List<String> lines) {
        int start = lines.indexOf("```mermaid");
        while (start >= 0 && !lines.get(start + 1).strip().startsWith("flowchart")) {
            int next = lines.subList(start + 1, lines.size()).indexOf("```mermaid");
            start = next < 0 ? -1 : start + 1 + next;
        }
        if (start < 0) {
            throw new IllegalStateException(DOCUMENT + " has no mermaid flowchart");
        }
        Set<String> components = new TreeSet<>();
        Set<Arrow> arrows = new HashSet<>();
        for (String line : lines.subList(start + 2, lines.size())) {
            if (line.strip().equals("```")) {
                break;
            }
            Matcher arrow = ARROW.matcher(line);
            Matcher alone = ALONE.matcher(line);
            if (arrow.matches()) {
                arrows.add(new Arrow(arrow.group(1), arrow.group(2)));
                components.addAll(List.of(arrow.group(1), arrow.group(2)));
            } else if (alone.matches()) {
                components.add(alone.group(1));
            } else if (!line.isBlank()) {
                throw new IllegalStateException("a line of the flowchart in " + DOCUMENT + " not read: " + line);
            }
        }
        return new ComponentDrawing(components, arrows);
    }

    /** Whether the arrows lead from one component to the other. */
    boolean reaches(String from, String to) {
        return reaches(from, to, null);
    }

    /** Whether the other arrows lead where this one does. */
    boolean impliedByOthers(Arrow arrow) {
        return reaches(arrow.from(), arrow.to(), arrow);
    }

    private boolean reaches(String from, String to, Arrow without) {
        Set<String> seen = new HashSet<>();
        Deque<String> open = new ArrayDeque<>(List.of(from));
        while (!open.isEmpty()) {
            String at = open.pop();
            for (Arrow arrow : arrows) {
                if (arrow.from().equals(at) && !arrow.equals(without) && seen.add(arrow.to())) {
                    if (arrow.to().equals(to)) {
                        return true;
                    }
                    open.push(arrow.to());
                }
            }
        }
        return false;
    }
}
