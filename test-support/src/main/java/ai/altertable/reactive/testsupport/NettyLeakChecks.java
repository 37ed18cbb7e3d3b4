package ai.altertable.reactive.testsupport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * Collects the leak reports of {@link RecordingLeakDetector} and turns them into test failures.
 *
 * <p>Netty notices a leak only when a leaked buffer has been garbage-collected and a later allocation polls the
 * detector's reference queue. {@link #collect()} makes both happen: it runs the GC until a sentinel weak reference is
 * cleared, then allocates and releases a tracked buffer.
 */
public final class NettyLeakChecks {

    private static final Queue<String> LEAKS = new ConcurrentLinkedQueue<>();
    private static volatile boolean installed;

    private NettyLeakChecks() {
    }

    static void detectorInstalled() {
        installed = true;
    }

    static void record(String report) {
        LEAKS.add(report);
    }

    /** Whether the recording detector is Netty's active leak detector in this JVM. */
    public static boolean isInstalled() {
        UnpooledByteBufAllocator.DEFAULT.directBuffer(1).release(); // initialises the ByteBuf detector
        return installed && ResourceLeakDetector.getLevel() == ResourceLeakDetector.Level.PARANOID;
    }

    /** Forces leaked buffers to be found: GC until a sentinel is collected, then poke the detector. */
    public static void collect() {
        ReferenceQueue<Object> queue = new ReferenceQueue<>();
        WeakReference<Object> sentinel = new WeakReference<>(new Object(), queue);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        try {
            while (queue.remove(1) == null && System.nanoTime() < deadline) {
                System.gc();
            }
            System.gc(); // a second cycle, for references enqueued by the first
            queue.remove(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sentinel.clear();
        for (int i = 0; i < 4; i++) {
            // a tracked allocation polls the detector; heap buffers are not tracked, direct ones are
            ByteBuf probe = UnpooledByteBufAllocator.DEFAULT.directBuffer(1);
            probe.release();
        }
    }

    /** Removes and returns the leak reports recorded so far. */
    public static List<String> drain() {
        List<String> out = new ArrayList<>();
        String s;
        while ((s = LEAKS.poll()) != null) {
            out.add(s);
        }
        return out;
    }

    /**
     * Fails with the reports recorded so far, without forcing a collection (cheap: for use after every test).
     *
     * @throws AssertionError if a leak was reported
     */
    public static void assertNoReportedLeaks() {
        List<String> leaks = drain();
        if (!leaks.isEmpty()) {
            throw new AssertionError(leaks.size() + " Netty buffer leak(s) reported during or just before this test:\n"
                    + String.join("\n\n", leaks));
        }
    }

    /**
     * Collects, then fails with every recorded report.
     *
     * @throws AssertionError if the recording detector is not installed, or any leak was reported
     */
    public static void assertNoLeaks() {
        if (!isInstalled()) {
            throw new AssertionError("Netty leak detection is not active: run tests with "
                    + "-Dio.netty.leakDetection.level=paranoid -Dio.netty.customResourceLeakDetector="
                    + RecordingLeakDetector.class.getName());
        }
        collect();
        List<String> leaks = drain();
        if (!leaks.isEmpty()) {
            throw new AssertionError(leaks.size() + " Netty buffer leak(s) reported during or just before this test:\n"
                    + String.join("\n\n", leaks));
        }
    }
}
