package ai.altertable.reactive.flight;

import ai.altertable.reactive.flight.testserver.Dataset;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The test server itself: closing it while a DoGet handler waits for its client ends that call, the handler hears of
 * it and frees the stream's batches. With Arrow's own executor, shut down before the call was cancelled, the handler
 * never heard of it and the server's allocator reported a leak every time (the cause of an occasional 180 KB "leak" of
 * the test server after a cancel, see {@code TestFlightServer}).
 */
class TestServerCloseTest extends FlightTestSupport {

    private static final String WIDE = "SELECT * FROM wide";

    @Test
    void closingTheServerEndsAStreamThatWaitsForItsClient() {
        server.producer().register(WIDE, Dataset.wide(200, 1000, 100));

        // one batch, then the subscriber neither requests nor cancels: the server's handler waits for the client
        StepVerifier.create(client.queryBatches(WIDE), 1)
                .consumeNextWith(ArrowBatch::close)
                .then(() -> await().atMost(TIMEOUT).until(() -> server.producer().stalls(WIDE) > 0))
                .then(() -> {
                    try {
                        server.close(); // throws with Arrow's leak report if the handler kept its batch
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                })
                .thenRequest(Long.MAX_VALUE) // the client reports the end of the call when asked for more
                .thenConsumeWhile(batch -> {
                    batch.close();
                    return true;
                })
                .expectError()
                .verify(TIMEOUT);

        assertThat(server.producer().cancelledStreams()).containsExactly(WIDE); // the handler heard of the end
    }
}
