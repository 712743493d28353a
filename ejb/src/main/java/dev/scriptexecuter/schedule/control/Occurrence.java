package dev.scriptexecuter.schedule.control;

import java.io.Serializable;
import java.time.Instant;

/** One due time of one script: what a timer carries and what a node claims. */
public record Occurrence(String scriptId, Instant due) implements Serializable {
}
