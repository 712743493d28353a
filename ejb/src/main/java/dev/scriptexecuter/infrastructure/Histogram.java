package dev.scriptexecuter.infrastructure;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * A Prometheus-style histogram of one quantity (seconds, bytes): cumulative counts per upper bound
 * ("le"), the sum and the count. Safe to observe from many threads; a reader
 * may see an observation in the count before its bucket, never lose one.
 */
public final class Histogram {

    private final double[] bounds;
    private final AtomicLongArray counts;
    private final DoubleAdder sum = new DoubleAdder();
    private final LongAdder count = new LongAdder();

    /** @param bounds upper bounds in the quantity's unit, ascending; +Inf is implied */
    public Histogram(double... bounds) {
        for (int i = 1; i < bounds.length; i++) {
            if (bounds[i] <= bounds[i - 1]) {
                throw new IllegalArgumentException("Bounds must ascend: " + Arrays.toString(bounds));
            }
        }
        this.bounds = bounds.clone();
        this.counts = new AtomicLongArray(bounds.length);
    }

    public void observe(double value) {
        int bucket = 0;
        while (bucket < bounds.length && value > bounds[bucket]) {
            bucket++;
        }
        if (bucket < bounds.length) {
            counts.incrementAndGet(bucket);
        }
        sum.add(value);
        count.increment();
    }

    /** What a scrape shows. */
    public record Snapshot(double[] bounds, long[] cumulative, double sum, long count) {
    }

    public Snapshot snapshot() {
        long[] cumulative = new long[bounds.length];
        long running = 0;
        for (int i = 0; i < bounds.length; i++) {
            running += counts.get(i);
            cumulative[i] = running;
        }
        return new Snapshot(bounds.clone(), cumulative, sum.sum(), count.sum());
    }
}
