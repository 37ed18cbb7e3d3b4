package ai.altertable.reactive.flight.mock;

import ai.altertable.reactive.core.ApiException;
import ai.altertable.reactive.core.BadRequestException;
import ai.altertable.reactive.core.row.Row;
import ai.altertable.reactive.flight.ArrowBatch;
import ai.altertable.reactive.mock.ObservedFlightStream;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Queries against DuckDB behind the mock's Flight SQL endpoint. */
class MockQueryTest extends MockTestSupport {

    private static final String EVERY_TYPE = "SELECT 42::BIGINT AS big, 7::INTEGER AS i, 1.5::DOUBLE AS dbl, "
            + "123.45::DECIMAL(10,2) AS dec, 'héllo' AS s, TRUE AS b, DATE '2024-03-01' AS d, TIME '13:45:00.5' AS tm, "
            + "TIMESTAMP '2024-03-01 13:45:00.123456' AS ts, TIMESTAMPTZ '2024-03-01 13:45:00+00' AS tstz, "
            + "'550e8400-e29b-41d4-a716-446655440000'::UUID AS u, '\\xDE\\xAD\\xBE\\xEF'::BLOB AS bl, "
            + "[1, NULL, 3] AS l, {'a': 1, 'b': 'x'} AS st, INTERVAL '1 month 2 days 3 hours' AS iv, "
            + "NULL::VARCHAR AS n, 200::UTINYINT AS ut, 12345678901234567890::UBIGINT AS ub";

    @Test
    void flightRowsEqualTheRestRowsOfTheSameQuery() {
        List<Row> flight = client.query(EVERY_TYPE).collectList().block(TIMEOUT);
        List<Row> rest = RestQueries.query(mock.baseUrl(), mock.credentials(USER), EVERY_TYPE);

        assertThat(flight).hasSize(1).isEqualTo(rest);
        Row f = flight.get(0);
        Row r = rest.get(0);
        for (int i = 0; i < r.size(); i++) {
            if (!r.isNull(i)) {
                assertThat(f.get(i)).as(r.metadata().column(i).name()).isInstanceOf(r.get(i).getClass());
            }
        }
        assertThat(f.get("big")).isEqualTo(42L);
        assertThat(f.get("dec")).isEqualTo(new BigDecimal("123.45"));
        assertThat(f.get("ts")).isEqualTo(LocalDateTime.of(2024, 3, 1, 13, 45, 0, 123_456_000));
        assertThat(f.get("tstz")).isInstanceOf(OffsetDateTime.class);
        assertThat(f.get("d")).isEqualTo(LocalDate.of(2024, 3, 1));
        assertThat(f.get("tm")).isEqualTo(LocalTime.of(13, 45, 0, 500_000_000));
        assertThat(f.get("u")).isEqualTo(UUID.fromString("550e8400-e29b-41d4-a716-446655440000"));
        assertThat(f.getBytes("bl")).containsExactly(0xde, 0xad, 0xbe, 0xef);
        assertThat(f.getList("l")).containsExactly(1, null, 3);
        assertThat(f.getMap("st")).containsExactly(Map.entry("a", 1), Map.entry("b", "x"));
        assertThat(f.isNull("n")).isTrue();
        assertThat(f.get("ub")).isEqualTo(new BigInteger("12345678901234567890"));
    }

    /** A record the rows of a query map to by column name, as over REST. */
    record Item(long id, String name) {
    }

    @Test
    void rowsMapToRecords_andAnEmptyResultCompletesWithoutRows() {
        StepVerifier.create(client.query("SELECT range AS id, 'n' || range AS name FROM range(3)", Item.class))
                .expectNext(new Item(0, "n0"), new Item(1, "n1"), new Item(2, "n2"))
                .verifyComplete();
        StepVerifier.create(client.query("SELECT * FROM range(0)")).verifyComplete();
        StepVerifier.create(client.queryBatches("SELECT * FROM range(0)")).verifyComplete();
    }

    @Test
    void aLargeResultStreamsInBatches() {
        StepVerifier.create(client.queryBatches("SELECT range AS id FROM range(300000)").map(batch -> {
                    try (batch) {
                        return (long) batch.rowCount();
                    }
                }).reduce(Long::sum))
                .expectNext(300_000L)
                .verifyComplete();
    }

    @Test
    void aSlowSubscriberBoundsWhatTheMockReadsFromDuckDb_andCancelStopsIt() {
        String sql = "SELECT range AS id, repeat('x', 100) AS pad FROM range(2000000)";
        long total = 2_000_000;

        StepVerifier.create(client.queryBatches(sql), 1)
                .consumeNextWith(ArrowBatch::close)
                .then(() -> awaitQuiet(sql))
                .then(() -> assertThat(stream(sql).orElseThrow().rowsExported()).isLessThan(total / 4))
                .thenCancel()
                .verify(TIMEOUT);

        await().atMost(TIMEOUT).until(() -> stream(sql).map(s -> s.cancelled() && !s.running()).orElse(false));
        await().atMost(TIMEOUT).until(() -> client.allocatedMemory() == 0);
        StepVerifier.create(client.query("SELECT 1 AS one").map(row -> row.getInt("one"))).expectNext(1)
                .verifyComplete();
    }

    @Test
    void anUnknownTableFailsAtGetFlightInfoWithDuckDbsMessage() {
        StepVerifier.create(client.query("SELECT * FROM no_such_table"))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(ApiException.class).hasMessageContaining("no_such_table");
                    ApiException a = (ApiException) e;
                    assertThat(a.path()).isEqualTo("GetFlightInfo");
                    assertThat(a.status()).isEqualTo(13); // INTERNAL
                    assertThat(a.method()).isEqualTo("RPC");
                })
                .verify(TIMEOUT);
    }

    @Test
    void aStatementThatFailsWhileRunningFailsTheStream() {
        StepVerifier.create(client.query("SELECT CAST(s AS INTEGER) AS n FROM (VALUES ('1'), ('x')) t(s)"))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(BadRequestException.class).hasMessageContaining("Failed to query arrow");
                    assertThat(((BadRequestException) e).path()).isEqualTo("DoGet");
                    assertThat(((BadRequestException) e).status()).isEqualTo(3); // INVALID_ARGUMENT
                })
                .verify(TIMEOUT);
    }

    private static Optional<ObservedFlightStream> stream(String sql) {
        return mock.flightStreams().stream().filter(s -> s.description().contains(sql)).reduce((a, b) -> b);
    }

    /** Waits until the mock has stopped reading for this stream (two equal looks in a row). */
    private static void awaitQuiet(String sql) {
        AtomicLong last = new AtomicLong(-1);
        await().atMost(TIMEOUT).pollInterval(java.time.Duration.ofMillis(200)).until(() -> {
            long now = stream(sql).map(ObservedFlightStream::rowsExported).orElse(-1L);
            return now > 0 && now == last.getAndSet(now);
        });
    }
}
