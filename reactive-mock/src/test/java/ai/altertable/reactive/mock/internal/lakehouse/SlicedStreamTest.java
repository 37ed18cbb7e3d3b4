package ai.altertable.reactive.mock.internal.lakehouse;

import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The turn-taking of {@link SlicedStream}, on an executor that the test drives task by task. */
class SlicedStreamTest {

    /** Holds tasks until the test runs them, one at a time, in the order they were queued. */
    static final class QueuedTasks implements Executor {
        final Queue<Runnable> queue = new ArrayDeque<>();
        int refuseAfter = Integer.MAX_VALUE;

        @Override
        public void execute(Runnable task) {
            if (refuseAfter-- <= 0) {
                throw new RejectedExecutionException("closed");
            }
            queue.add(task);
        }

        void runNext() {
            queue.remove().run();
        }

        void runAll() {
            while (!queue.isEmpty()) {
                runNext();
            }
        }
    }

    /** Records what reaches the subscriber and what the stream did. */
    static final class Recorder extends BaseSubscriber<String> {
        final List<String> events;

        Recorder(List<String> events) {
            this.events = events;
        }

        @Override
        protected void hookOnSubscribe(Subscription s) {
            // demand is up to the test
        }

        @Override
        protected void hookOnNext(String value) {
            events.add(value);
        }

        @Override
        protected void hookOnComplete() {
            events.add("complete");
        }

        @Override
        protected void hookOnError(Throwable t) {
            events.add("error " + t.getMessage());
        }
    }

    private final QueuedTasks tasks = new QueuedTasks();
    private final List<String> events = new ArrayList<>();
    private final AtomicInteger inits = new AtomicInteger();
    private final AtomicInteger cleanups = new AtomicInteger();

    /** Items {@code item-1} to {@code item-<count>}, one per slice, then completion. */
    private Flux<String> counting(int count) {
        return SlicedStream.create(tasks, () -> {
            inits.incrementAndGet();
            return new int[1];
        }, (n, sink) -> {
            if (n[0] == count) {
                sink.complete();
            } else {
                sink.next("item-" + ++n[0]);
            }
        }, n -> {
            cleanups.incrementAndGet();
            events.add("cleanup");
        });
    }

    @Test
    void nothingRunsWithoutDemand() {
        Recorder r = new Recorder(events);
        counting(3).subscribe(r);
        assertThat(tasks.queue).isEmpty();
        assertThat(inits).hasValue(0);
        r.request(1);
        tasks.runAll();
        assertThat(events).containsExactly("item-1");
        assertThat(tasks.queue).as("no turn without demand").isEmpty();
    }

    @Test
    void eachTurnRunsOneSliceAndTheNextTurnQueuesBehindWaitingWork() {
        Recorder r = new Recorder(events);
        counting(1000).subscribe(r);
        r.requestUnbounded();
        tasks.runNext();
        assertThat(events).containsExactly("item-1");
        tasks.execute(() -> events.add("short request"));
        tasks.runNext();
        tasks.runNext();
        tasks.runNext();
        assertThat(events).containsExactly("item-1", "item-2", "short request", "item-3");
        assertThat(tasks.queue).hasSize(1);
        r.dispose();
        tasks.runAll();
        assertThat(events).endsWith("item-3", "cleanup");
    }

    @Test
    void completesThenStopsWithTheStateCleanedUpOnce() {
        Recorder r = new Recorder(events);
        counting(2).subscribe(r);
        r.request(10);
        tasks.runAll();
        assertThat(events).containsExactly("item-1", "item-2", "cleanup", "complete");
        r.request(5);
        r.dispose();
        tasks.runAll();
        assertThat(cleanups).hasValue(1);
        assertThat(inits).hasValue(1);
    }

    @Test
    void aFailingSliceErrorsTheStreamAndCleansUp() {
        Recorder r = new Recorder(events);
        SlicedStream.<int[], String>create(tasks, () -> new int[1], (n, sink) -> {
            throw new IllegalStateException("boom");
        }, n -> events.add("cleanup")).subscribe(r);
        r.request(1);
        tasks.runAll();
        assertThat(events).containsExactly("cleanup", "error boom");
    }

    @Test
    void aCancelDuringATurnIsActedOnAfterItAndNothingMoreIsEmitted() {
        Recorder r = new Recorder(events);
        SlicedStream.<int[], String>create(tasks, () -> new int[1], (n, sink) -> {
            r.dispose(); // the client goes away while the slice runs
            sink.next("late");
        }, n -> events.add("cleanup")).subscribe(r);
        r.request(1);
        tasks.runNext();
        assertThat(events).isEmpty();
        tasks.runAll();
        assertThat(events).containsExactly("cleanup");
    }

    @Test
    void aCancelBeforeTheFirstTurnCreatesNoState() {
        Recorder r = new Recorder(events);
        counting(3).subscribe(r);
        r.dispose();
        tasks.runAll();
        assertThat(inits).hasValue(0);
        assertThat(cleanups).hasValue(0);
        assertThat(events).isEmpty();
    }

    @Test
    void aRefusedTurnFailsTheStreamAndCleansUpOnTheCaller() {
        Recorder r = new Recorder(events);
        counting(10).subscribe(r);
        tasks.refuseAfter = 2; // the first turn and its successor are queued; the third is refused
        r.requestUnbounded();
        tasks.runNext();
        tasks.runNext();
        assertThat(events).containsExactly("item-1", "item-2", "cleanup", "error closed");
        assertThat(tasks.queue).isEmpty();
    }
}
