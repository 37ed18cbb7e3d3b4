package ai.altertable.reactive.benchmarks.sections;

import ai.altertable.reactive.benchmarks.report.Samples;

/**
 * One measured path of a side-by-side comparison: per timed iteration, its wall-clock rate and its CPU cost per item
 * (all Java threads, the busiest Java thread, the whole process). Not thread-safe.
 */
final class PathStats {

    final Samples rate = new Samples();
    final Samples javaCpu = new Samples();
    final Samples busiest = new Samples();
    final Samples process = new Samples();

    /** The last iteration's figures, for ratios taken within the iteration. */
    double lastRate;
    double lastJavaCpu;
    double lastBusiest;

    /** Records one iteration of {@code items} items that took {@code wallNanos}. */
    void record(long items, long wallNanos, ProcessCpu.Snapshot before, ProcessCpu.Snapshot after, boolean timed) {
        lastRate = items / (wallNanos / 1e3); // millions per second
        lastJavaCpu = after.javaThreads(before) / (double) items;
        lastBusiest = after.busiestThread(before) / (double) items;
        if (timed) {
            rate.add(lastRate);
            javaCpu.add(lastJavaCpu);
            busiest.add(lastBusiest);
            process.add(after.process(before) / (double) items);
        }
    }
}
