package ai.altertable.reactive.mock.internal.lakehouse;

import ai.altertable.reactive.mock.ColumnShape;
import ai.altertable.reactive.mock.internal.MockRuntime;
import ai.altertable.reactive.mock.internal.db.UserDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A {@code /query} stream takes turns on the database threads: with one database thread and a stream whose reader
 * always wants more (unbounded demand, the limit of a reader that keeps up), a {@code SELECT 1} still runs and
 * completes between two chunks of the stream, which goes on producing afterwards. Before the turns, the stream kept
 * its thread for as long as it had demand: here, until it ended, which it never does.
 */
class NdjsonQueryTurnsTest {

    static final String ENDLESS = "SELECT i, 'padding to make each row longer' AS pad FROM range(1000000000000) t(i)";

    private final MockRuntime runtime = new MockRuntime(Map.of("alice", "secret"), 1, ColumnShape.TYPED);

    @AfterEach
    void close() {
        runtime.close();
    }

    @Test
    void aShortQueryRunsBetweenTwoChunksOfAStreamThatIsAlwaysWanted() throws Exception {
        UserDatabase db = runtime.databases().of("alice", "secret");
        RunningQuery endless = running();
        CompletableFuture<NdjsonQueryStream.QueryOutcome> endlessEnded = new CompletableFuture<>();
        AtomicLong chunks = new AtomicLong();
        Disposable reader = stream(db, ENDLESS, endless, endlessEnded).body()
                .subscribe(chunk -> chunks.incrementAndGet()); // unbounded demand
        await().atMost(60, TimeUnit.SECONDS).until(() -> chunks.get() > 2);

        RunningQuery one = running();
        CompletableFuture<NdjsonQueryStream.QueryOutcome> oneEnded = new CompletableFuture<>();
        List<byte[]> body = stream(db, "SELECT 1 AS one", one, oneEnded).body().collectList()
                .block(Duration.ofSeconds(60));
        assertThat(text(body)).endsWith("\n[1]\n");
        assertThat(oneEnded.get(30, TimeUnit.SECONDS).error()).isNull();

        // the stream was not ended to make room, and it keeps producing
        assertThat(endlessEnded).isNotDone();
        long produced = endless.rowsProduced();
        await().atMost(60, TimeUnit.SECONDS).until(() -> endless.rowsProduced() > produced);

        reader.dispose();
        assertThat(endlessEnded.get(30, TimeUnit.SECONDS).clientGone()).isTrue();
    }

    private NdjsonQueryStream stream(UserDatabase db, String sql, RunningQuery running,
                                     CompletableFuture<NdjsonQueryStream.QueryOutcome> ended) {
        QueryParams params = QueryParams.from(JsonBody.parseObject(("{\"statement\":\"" + sql + "\",\"query_id\":\""
                + running.queryId() + "\"}").getBytes(StandardCharsets.UTF_8), "QueryRequest"));
        return new NdjsonQueryStream(db, params, running, ColumnShape.TYPED, null, runtime.dbScheduler(),
                ended::complete);
    }

    private RunningQuery running() {
        return new RunningQuery(UUID.randomUUID().toString(), "s", Instant.now(), runtime.interruptScheduler());
    }

    private static String text(List<byte[]> chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        chunks.forEach(out::writeBytes);
        return out.toString(StandardCharsets.UTF_8);
    }
}
