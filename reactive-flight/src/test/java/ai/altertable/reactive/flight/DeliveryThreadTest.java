package ai.altertable.reactive.flight;

import ai.altertable.reactive.flight.testserver.Dataset;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Items are delivered on the client's own threads, which are non-blocking threads in Reactor's sense: a subscriber that
 * calls {@code block()} there (for example a nested query inside {@code map}) fails at once with Reactor's error instead
 * of tying up the bounded scheduler until every thread waits for a query that needs a thread to run. The client frees
 * every buffer and stays usable.
 */
class DeliveryThreadTest extends FlightTestSupport {

    private static final int CONCURRENT = 32;
    private static final String OUTER = "SELECT * FROM t";
    private static final String BLOCK_MESSAGE =
            "block()/blockFirst()/blockLast() are blocking, which is not supported in thread altertable-flight-";

    @Test
    void blockingInsideAMapFailsFastOnEveryStream() {
        server.producer().register(OUTER, Dataset.counting(1, 3, 10));
        server.producer().register("SELECT 1", Dataset.counting(1, 1, 1));

        // 32 streams at once on 4 threads, each blocking on a nested query from its map function
        Flux<Throwable> failures = Flux.range(0, CONCURRENT)
                .flatMap(i -> client.query(OUTER)
                        .map(row -> client.query("SELECT 1").blockLast())
                        .then(Mono.<Throwable>empty())
                        .onErrorResume(Mono::just), CONCURRENT);

        // generous for a loaded machine; a hang would wait for ever (the client's idle timeout is 60 s)
        StepVerifier.create(failures.collectList())
                .assertNext(errors -> {
                    assertThat(errors).hasSize(CONCURRENT);
                    assertThat(errors).allSatisfy(e -> assertThat(e)
                            .isInstanceOf(IllegalStateException.class)
                            .hasMessageStartingWith(BLOCK_MESSAGE));
                })
                .expectComplete()
                .verify(Duration.ofSeconds(45));

        // the client stays usable; closing it after the test finds no buffer held (the allocator is closed strictly)
        StepVerifier.create(client.query(OUTER).count()).expectNext(30L).expectComplete().verify(TIMEOUT);
    }

    @Test
    void nonBlockingWorkOnTheDeliveryThreadStillWorks() {
        server.producer().register(OUTER, Dataset.counting(1, 3, 10));

        // a non-blocking map, and a nested query composed with flatMap instead of block()
        Flux<String> names = client.query(OUTER)
                .map(row -> row.getString("name") + "@" + Thread.currentThread().getName())
                .concatMap(name -> client.query(OUTER).count().map(n -> name + "/" + n));

        StepVerifier.create(names.collectList())
                .assertNext(list -> {
                    assertThat(list).hasSize(30);
                    assertThat(list.get(0)).startsWith("row-0@altertable-flight-").endsWith("/30");
                })
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void blockHoundReportsASubscribersBlockingCallButNotTheClientsOwnWaits() {
        server.producer().register(OUTER, Dataset.counting(1, 3, 10));

        // the client's next() waits on these threads for every batch (allowed by its BlockHound integration); the
        // subscriber's sleep is reported
        StepVerifier.create(client.query(OUTER).map(row -> {
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return row;
                }))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(BlockingOperationError.class)
                        .hasMessageContaining("Thread.sleep"))
                .verify(TIMEOUT);
        StepVerifier.create(client.queryBatches(OUTER, root -> root.getRowCount()).count())
                .expectNext(3L)
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void deliveryThreadsAreNonBlockingInReactorsSense() {
        server.producer().register(OUTER, Dataset.counting(1, 1, 1));

        StepVerifier.create(client.query(OUTER).map(row -> List.of(Thread.currentThread().getName(),
                        Schedulers.isInNonBlockingThread())))
                .assertNext(seen -> assertThat(seen.get(1)).as("non-blocking thread %s", seen.get(0)).isEqualTo(true))
                .expectComplete()
                .verify(TIMEOUT);
    }
}
