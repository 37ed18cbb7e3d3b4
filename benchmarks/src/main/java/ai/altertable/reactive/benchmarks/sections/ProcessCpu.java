package ai.altertable.reactive.benchmarks.sections;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time, a second view of a cost that other processes on a noisy machine inflate much less than wall time:
 * <ul>
 *   <li>{@link Snapshot#javaThreads} sums the CPU time of every live Java thread (nanosecond precision): the work of
 *       the code under test, its event loops and the replay server, with the kernel's share of their system calls,
 *       but not the garbage collector's or the JIT's threads;</li>
 *   <li>{@link Snapshot#process} is the whole process (10 ms granularity on Linux), garbage collection included.</li>
 * </ul>
 */
final class ProcessCpu {

    private static final java.lang.management.OperatingSystemMXBean OS = ManagementFactory.getOperatingSystemMXBean();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ProcessCpu() {
    }

    static long processNanos() {
        if (OS instanceof com.sun.management.OperatingSystemMXBean) {
            return ((com.sun.management.OperatingSystemMXBean) OS).getProcessCpuTime();
        }
        return -1;
    }

    /** The name of a live thread, or {@code "ended"}. */
    static String threadName(long id) {
        java.lang.management.ThreadInfo info = THREADS.getThreadInfo(id);
        return info == null ? "ended" : info.getThreadName();
    }

    /** CPU time per live Java thread, and of the process. */
    static Snapshot snapshot() {
        Map<Long, Long> perThread = new HashMap<>();
        for (long id : THREADS.getAllThreadIds()) {
            long t = THREADS.getThreadCpuTime(id);
            if (t >= 0) {
                perThread.put(id, t);
            }
        }
        return new Snapshot(perThread, processNanos());
    }

    /** A point in time; subtract an earlier one with {@link #javaThreads} and {@link #process}. */
    record Snapshot(Map<Long, Long> perThread, long processNanos) {

        /** CPU nanoseconds spent by Java threads since {@code before} (threads that ended meanwhile are missed). */
        long javaThreads(Snapshot before) {
            long sum = 0;
            for (Map.Entry<Long, Long> e : perThread.entrySet()) {
                sum += e.getValue() - before.perThread.getOrDefault(e.getKey(), 0L);
            }
            return sum;
        }

        /**
         * The most CPU one Java thread spent since {@code before}: the critical path of a pipeline whose stages run on
         * different threads, and so what bounds its throughput on an otherwise idle machine.
         */
        long busiestThread(Snapshot before) {
            long max = 0;
            for (Map.Entry<Long, Long> e : perThread.entrySet()) {
                max = Math.max(max, e.getValue() - before.perThread.getOrDefault(e.getKey(), 0L));
            }
            return max;
        }

        long process(Snapshot before) {
            return processNanos - before.processNanos;
        }

        /** CPU nanoseconds of each live Java thread since {@code before}, by thread id. */
        Map<Long, Long> perThreadSince(Snapshot before) {
            Map<Long, Long> out = new HashMap<>();
            perThread.forEach((id, t) -> out.put(id, t - before.perThread.getOrDefault(id, 0L)));
            return out;
        }
    }
}
