package dev.scriptexecuter.script.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** One line about a unified diff: the files it changes, with lines added and removed, e.g. "main.py +2 −1". */
final class DiffSummary {

    private DiffSummary() {
    }

    static String of(String diff) {
        Map<String, int[]> files = new LinkedHashMap<>();
        int[] current = null;
        var lines = diff.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("--- ") && i + 1 < lines.size() && lines.get(i + 1).startsWith("+++ ")) {
                String name = lines.get(++i).substring(4).replaceFirst("^b/", "")
                        .replaceFirst(" \\(version \\d+\\)$", "");
                current = files.computeIfAbsent(name, key -> new int[2]);
            } else if (current != null && line.startsWith("+")) {
                current[0]++;
            } else if (current != null && line.startsWith("-")) {
                current[1]++;
            }
        }
        if (files.isEmpty()) {
            return "The same code.";
        }
        return files.entrySet().stream()
                .map(file -> file.getKey() + " +" + file.getValue()[0] + " \u2212" + file.getValue()[1])
                .collect(Collectors.joining(" \u00b7 "));
    }
}
