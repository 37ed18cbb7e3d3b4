package ai.altertable.reactive.kafka.connect;

import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import java.time.Duration;

/**
 * Proves that BlockHound is installed in this module's tests too, with Kafka's runtime on the class path: a blocking
 * call on a non-blocking Reactor thread must fail. If this test fails, the other tests prove nothing about blocking.
 */
class BlockHoundActiveTest {

    @Test
    void blockingOnAParallelThreadIsReported() {
        Mono<String> blocking = Mono.fromCallable(() -> {
            Thread.sleep(1);
            return "slept";
        }).subscribeOn(Schedulers.parallel());
        StepVerifier.create(blocking)
                .expectErrorMatches(e -> e instanceof BlockingOperationError)
                .verify(Duration.ofSeconds(10));
    }
}
