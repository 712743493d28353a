package dev.scriptexecuter.script.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.util.Objects;
import java.util.UUID;

/** One step of a script's chain: when its run ends so, a run of {@code next} starts with the run's result. */
@Entity
@Table(name = "chain_step")
public class ChainStep {

    @Id
    private String id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "script_id")
    private Script script;

    @Column(name = "step_order", nullable = false)
    private int stepOrder;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "next_script_id")
    private Script next;

    @Enumerated(EnumType.STRING)
    @Column(name = "run_when", nullable = false, length = 16)
    private ChainWhen runWhen;

    protected ChainStep() {
    }

    public ChainStep(Script script, int order, Script next, ChainWhen when) {
        this.id = UUID.randomUUID().toString();
        this.script = Objects.requireNonNull(script);
        this.stepOrder = order;
        this.next = Objects.requireNonNull(next);
        this.runWhen = Objects.requireNonNull(when);
    }

    public String id() {
        return id;
    }

    public Script script() {
        return script;
    }

    public int order() {
        return stepOrder;
    }

    public Script next() {
        return next;
    }

    public ChainWhen when() {
        return runWhen;
    }
}
