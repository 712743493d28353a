package dev.scriptexecuter.script.boundary;

/**
 * What changed from version {@code from} to version {@code to}: a unified
 * diff of main.py, trigger.py and requirements.txt (the files that differ);
 * empty when their code is the same. Version 0 stands for "nothing yet".
 */
public record ScriptVersionDiff(int from, int to, String diff) {
}
