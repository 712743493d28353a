package dev.scriptexecuter.execution.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The node's run slots: at most {@code ses.run.max-concurrent} runs execute at
 * once, at most {@code ses.run.queue-length} more wait for a slot (QUEUED), and
 * a run beyond that is not started at all but recorded REJECTED.
 */
@ApplicationScoped
public class RunAdmission {

    @Inject
    @ConfigProperty(name = "ses.run.max-concurrent", defaultValue = "8")
    int maxConcurrent;

    @Inject
    @ConfigProperty(name = "ses.run.queue-length", defaultValue = "100")
    int queueLength;

    private final AtomicInteger admitted = new AtomicInteger();
    private volatile Semaphore slots;
    private volatile boolean closed;

    /** Counts a run in, or says no when slots and queue are full or the node is shutting down. Every admitted run must {@link #leave}. */
    public boolean admit() {
        while (true) {
            if (closed) {
                return false;
            }
            int now = admitted.get();
            if (now >= maxConcurrent + queueLength) {
                return false;
            }
            if (admitted.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    /** Waits for a free slot; false if the run was stopped or the node began shutting down meanwhile (it then has no slot). */
    boolean awaitSlot(LiveRun live) throws InterruptedException {
        while (!slots().tryAcquire(100, TimeUnit.MILLISECONDS)) {
            if (live.stopRequested() || closed) {
                return false;
            }
        }
        return true;
    }

    /** The node is shutting down: no run is admitted or given a slot any more. */
    public void close() {
        closed = true;
    }

    public boolean closed() {
        return closed;
    }

    /** A run is over: its slot (if it had one) and its place are free again. */
    public void leave(boolean hadSlot) {
        if (hadSlot) {
            slots().release();
        }
        admitted.decrementAndGet();
    }

    /** Runs admitted and not over yet (running or waiting for a slot). */
    public int admitted() {
        return admitted.get();
    }

    /** Admitted runs that hold a slot: running (or about to). */
    public int running() {
        return maxConcurrent - slots().availablePermits();
    }

    /** Admitted runs waiting for a slot. */
    public int waiting() {
        return Math.max(0, admitted() - running());
    }

    public String limits() {
        return "ses.run.max-concurrent=" + maxConcurrent + ", ses.run.queue-length=" + queueLength;
    }

    private Semaphore slots() {
        Semaphore current = slots;
        if (current == null) {
            synchronized (this) {
                if (slots == null) {
                    slots = new Semaphore(maxConcurrent, true);
                }
                current = slots;
            }
        }
        return current;
    }
}
