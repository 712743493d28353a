package dev.scriptexecuter.execution.entity;

import static dev.scriptexecuter.infrastructure.UtcColumns.column;
import static dev.scriptexecuter.infrastructure.UtcColumns.instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Objects;

/**
 * How many runs of scripts carrying a tag may run at once on the whole cluster ({@code maxRunning}; null:
 * no limit, the row kept so that the runs holding slots can give them back), and how many do
 * ({@code running}: the slots taken, by a conditional update when a run begins, given back when it ends).
 */
@Entity
@Table(name = "tag_limit")
public class TagLimit {

    @Id
    @Column(length = 40)
    private String tag;

    @Column(name = "max_running")
    private Integer maxRunning;

    @Column(nullable = false)
    private int running;

    @Column(name = "updated_at", nullable = false)
    private java.time.LocalDateTime updatedAt;

    @Column(name = "updated_by", nullable = false, length = 100)
    private String updatedBy;

    protected TagLimit() {
    }

    public TagLimit(String tag) {
        this.tag = Objects.requireNonNull(tag);
    }

    public void limit(Integer maxRunning, String by, Instant now) {
        this.maxRunning = maxRunning;
        this.updatedBy = Objects.requireNonNull(by);
        this.updatedAt = column(now);
    }

    public String tag() {
        return tag;
    }

    public Integer maxRunning() {
        return maxRunning;
    }

    public int running() {
        return running;
    }

    public Instant updatedAt() {
        return instant(updatedAt);
    }

    public String updatedBy() {
        return updatedBy;
    }
}
