package ai.altertable.reactive.mock.internal.flight;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class CallThreadsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void aTaskHandedOverFromANonBlockingThreadRunsOnAThreadOfItsOwn() {
        CallThreads threads = new CallThreads("calls");
        AtomicReference<String> ranOn = new AtomicReference<>();
        CountDownLatch ran = new CountDownLatch(1);

        // BlockHound is installed in these tests: a parallel-scheduler thread may not block, as gRPC's event loop
        Mono<Void> handOver = Mono.fromRunnable(() -> threads.execute(() -> {
            ranOn.set(Thread.currentThread().getName());
            ran.countDown();
        })).subscribeOn(Schedulers.parallel()).then();
        StepVerifier.create(handOver).expectComplete().verify(TIMEOUT);

        assertThat(await(ran)).isTrue();
        assertThat(ranOn.get()).startsWith("calls-");
    }

    @Test
    void neverRefusesATask_evenAfterShutdown_becauseARefusedTaskCouldBeTheNewsOfACancel() throws Exception {
        CallThreads threads = new CallThreads("calls");
        threads.shutdown();
        threads.shutdownNow();
        CountDownLatch ran = new CountDownLatch(1);

        threads.execute(ran::countDown);

        assertThat(await(ran)).isTrue();
        assertThat(threads.awaitIdle(TIMEOUT)).isTrue();
    }

    @Test
    void awaitIdleWaitsForEveryRunningTask_andInterruptRunningEndsAWaitingOne() throws Exception {
        CallThreads threads = new CallThreads("calls");
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        AtomicReference<Boolean> interrupted = new AtomicReference<>(false);
        threads.execute(() -> {
            started.countDown();
            try {
                never.await();
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        });
        assertThat(await(started)).isTrue();

        assertThat(threads.running()).isEqualTo(1);
        assertThat(threads.awaitIdle(Duration.ofMillis(1))).as("a task still waits").isFalse();
        assertThat(threads.isTerminated()).isFalse();

        threads.interruptRunning();

        assertThat(threads.awaitIdle(TIMEOUT)).isTrue();
        assertThat(interrupted.get()).isTrue();
        assertThat(threads.running()).isZero();
        assertThat(threads.isTerminated()).isTrue();
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
