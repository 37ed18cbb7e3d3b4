package ai.altertable.reactive.kafka.connect.internal;

import ai.altertable.reactive.core.BadRequestException;
import ai.altertable.reactive.core.NotFoundException;
import ai.altertable.reactive.core.model.TableRef;
import ai.altertable.reactive.core.row.Row;
import ai.altertable.reactive.flight.LakehouseFlightClient;
import ai.altertable.reactive.mock.AltertableMock;
import ai.altertable.reactive.rest.LakehouseClient;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link FlightBatchWrite} against the embedded mock's Flight SQL endpoint: typed values land exactly, schemaless rows
 * are converted to the columns' types, upserts converge, and a refused batch is a {@link BadRequestException} with
 * nothing written. The Flight client is closed after each test, which fails on any Arrow memory still held.
 */
class FlightBatchWriteTest {

    private static final Duration WAIT = Duration.ofMinutes(1);

    private AltertableMock mock;
    private LakehouseClient rest;
    private LakehouseFlightClient flight;

    @BeforeEach
    void start() {
        mock = AltertableMock.builder().user("alice", "secret").withoutPostgres().start();
        rest = LakehouseClient.create(mock.baseUrl(), mock.credentials());
        flight = LakehouseFlightClient.create(mock.flightUri(), mock.credentials());
    }

    @AfterEach
    void stop() {
        flight.close();
        rest.close();
        mock.close();
    }

    private void sql(String statement) {
        rest.query(statement).blockLast();
    }

    private long count(String table) {
        return rest.query("SELECT count(*) FROM memory.main." + table).map(r -> r.get(0, Long.class)).blockLast();
    }

    private static FlightBatchWrite append(LakehouseFlightClient client, String table) {
        return FlightBatchWrite.create(client, TableRef.of("memory", "main", table), List.of(), List.of());
    }

    @Test
    void aStructWithLogicalTypesLandsExactly() {
        sql("CREATE TABLE memory.main.typed (id BIGINT, amount DECIMAL(10,3), day DATE, clock TIME, ts TIMESTAMP, "
                + "tags VARCHAR[], ok BOOLEAN, ratio DOUBLE, small INTEGER)");
        Schema schema = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).field("amount", Decimal.schema(3))
                .field("day", Date.SCHEMA).field("clock", Time.SCHEMA).field("ts", Timestamp.SCHEMA)
                .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
                .field("ok", Schema.BOOLEAN_SCHEMA).field("ratio", Schema.FLOAT64_SCHEMA)
                .field("small", Schema.INT32_SCHEMA).build();
        Struct value = new Struct(schema).put("id", 1L).put("amount", new BigDecimal("-1234.505"))
                .put("day", java.util.Date.from(Instant.parse("2026-12-06T00:00:00Z")))
                .put("clock", new java.util.Date((23 * 3600 + 59 * 60 + 58) * 1000L + 7))
                .put("ts", java.util.Date.from(Instant.parse("2026-12-06T10:15:30.123Z")))
                .put("tags", List.of("a", "b")).put("ok", true).put("ratio", 0.25).put("small", 7);
        Map<String, Object> row = RecordRows.toRow(new SinkRecord("events", 0, null, null, schema, value, 0));

        StepVerifier.create(append(flight, "typed").write(List.of(row))).expectComplete().verify(WAIT);

        Row stored = rest.query("SELECT amount, day, clock, ts, tags[2], ok, ratio, small FROM memory.main.typed")
                .blockLast();
        assertThat(stored.get(0, BigDecimal.class)).isEqualByComparingTo("-1234.505");
        assertThat(stored.get(1, LocalDate.class)).isEqualTo(LocalDate.of(2026, 12, 6));
        assertThat(stored.get(2, LocalTime.class)).isEqualTo(LocalTime.of(23, 59, 58, 7_000_000));
        assertThat(stored.get(3, LocalDateTime.class)).isEqualTo(LocalDateTime.of(2026, 12, 6, 10, 15, 30, 123_000_000));
        assertThat(stored.getString(4)).isEqualTo("b");
        assertThat(stored.get(5, Boolean.class)).isTrue();
        assertThat(stored.get(6, Double.class)).isEqualTo(0.25);
        assertThat(stored.get(7, Integer.class)).isEqualTo(7);
    }

    @Test
    void schemalessRowsAreConvertedToTheColumnsTypesByName() {
        sql("CREATE TABLE memory.main.loose (id BIGINT, small INTEGER, amount DECIMAL(8,2), day DATE, ts TIMESTAMP, "
                + "doc JSON, note VARCHAR, missing VARCHAR)");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            // the JSON converter without schemas: Longs, Doubles, strings, nested maps; keys in any order
            row.put("note", "n" + i);
            row.put("doc", Map.of("k", List.of(i, "x")));
            row.put("ts", "2026-12-06T10:15:30Z");
            row.put("day", "2026-12-06");
            row.put("amount", 12.5);
            row.put("small", (long) i);
            row.put("id", (long) i);
            rows.add(row);
        }

        StepVerifier.create(append(flight, "loose").write(rows)).expectComplete().verify(WAIT);

        assertThat(count("loose")).isEqualTo(100);
        Row stored = rest.query("SELECT small, amount, day, ts, doc->>'$.k[1]', note, missing FROM memory.main.loose "
                + "WHERE id = 42").blockLast();
        assertThat(stored.get(0, Integer.class)).isEqualTo(42);
        assertThat(stored.get(1, BigDecimal.class)).isEqualByComparingTo("12.50");
        assertThat(stored.get(2, LocalDate.class)).isEqualTo(LocalDate.of(2026, 12, 6));
        assertThat(stored.get(3, LocalDateTime.class)).isEqualTo(LocalDateTime.of(2026, 12, 6, 10, 15, 30));
        assertThat(stored.getString(4)).isEqualTo("x");
        assertThat(stored.getString(5)).isEqualTo("n42");
        assertThat(stored.getString(6)).isNull();
    }

    @Test
    void upsertsConvergeToOneRowPerKey() {
        sql("CREATE TABLE memory.main.users (id BIGINT PRIMARY KEY, name VARCHAR, version BIGINT)");
        FlightBatchWrite write = FlightBatchWrite.create(flight, TableRef.of("memory", "main", "users"),
                List.of("id"), List.of("version"));
        List<Map<String, Object>> first = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            first.add(Map.of("id", (long) i, "name", "v1-" + i, "version", 1L));
        }
        StepVerifier.create(write.write(first)).expectComplete().verify(WAIT);
        // delivered again, then newer versions of 10 keys (and an older one of key 20, which must not win)
        List<Map<String, Object>> again = new ArrayList<>(first);
        for (int i = 0; i < 10; i++) {
            again.add(Map.of("id", (long) i, "name", "v2-" + i, "version", 2L));
        }
        again.add(Map.of("id", 20L, "name", "v0-20", "version", 0L));
        StepVerifier.create(write.write(again)).expectComplete().verify(WAIT);

        assertThat(rest.query("SELECT count(*), count(DISTINCT id), count(*) FILTER (name LIKE 'v2-%'), "
                        + "count(*) FILTER (name LIKE 'v0-%') FROM memory.main.users")
                .map(r -> List.of(r.get(0, Long.class), r.get(1, Long.class), r.get(2, Long.class),
                        r.get(3, Long.class))).blockLast())
                .containsExactly(30L, 30L, 10L, 0L);
    }

    @Test
    void anUpsertLeavesTheColumnsNoRowOfTheBatchNames() {
        sql("CREATE TABLE memory.main.users (id BIGINT PRIMARY KEY, name VARCHAR, score BIGINT)");
        FlightBatchWrite write = FlightBatchWrite.create(flight, TableRef.of("memory", "main", "users"),
                List.of("id"), List.of());
        StepVerifier.create(write.write(List.of(Map.of("id", 1L, "name", "a", "score", 5L),
                Map.of("id", 2L, "name", "b", "score", 6L)))).expectComplete().verify(WAIT);

        StepVerifier.create(write.write(List.of(Map.of("id", 1L, "name", "a2"), Map.of("id", 3L, "name", "c"))))
                .expectComplete().verify(WAIT);

        assertThat(rest.query("SELECT id, name, score FROM memory.main.users ORDER BY id")
                .map(r -> r.getString(0) + "/" + r.getString(1) + "/" + r.getString(2)).collectList().block())
                .containsExactly("1/a2/5", "2/b/6", "3/c/null");
    }

    @Test
    void aFieldThatIsNotAColumnRefusesTheBatchAndNothingIsWritten() {
        sql("CREATE TABLE memory.main.events (id BIGINT, part INTEGER)");
        List<Map<String, Object>> rows = List.of(Map.of("id", 1L, "part", 0), Map.of("id", 2L, "prat", 0),
                Map.of("id", 3L, "part", 1));

        StepVerifier.create(append(flight, "events").write(rows))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(BadRequestException.class)
                        .hasMessageContaining("'prat'").hasMessageContaining("not a column"))
                .verify(WAIT);
        assertThat(count("events")).isZero();
    }

    @Test
    void aValueItsColumnCannotTakeRefusesTheBatchBeforeAnythingIsSent() {
        sql("CREATE TABLE memory.main.events (id BIGINT, part INTEGER)");
        List<Map<String, Object>> rows = List.of(Map.of("id", 1L, "part", 0), Map.of("id", "two", "part", 0),
                Map.of("id", 3L, "part", 1L << 40));

        StepVerifier.create(append(flight, "events").write(rows))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(BadRequestException.class)
                        .hasMessageContaining("'id'").hasMessageNotContaining("two"))
                .verify(WAIT);
        StepVerifier.create(append(flight, "events").write(List.of(Map.of("id", 3L, "part", 1L << 40))))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(BadRequestException.class)
                        .hasMessageContaining("'part'"))
                .verify(WAIT);
        assertThat(count("events")).isZero();
    }

    @Test
    void aBatchTheServerRefusesIsABadRequestAndNoneOfItsRowsAreWritten() {
        sql("CREATE TABLE memory.main.strict (id BIGINT NOT NULL, name VARCHAR)");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Map<String, Object> row = new HashMap<>();
            row.put("id", i == 25 ? null : (Object) (long) i);
            row.put("name", "n" + i);
            rows.add(row);
        }

        StepVerifier.create(append(flight, "strict").write(rows))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(BadRequestException.class)
                        .hasMessageContaining("strict"))
                .verify(WAIT);
        assertThat(count("strict")).isZero();
        // the same write without the bad row goes through
        rows.remove(25);
        StepVerifier.create(append(flight, "strict").write(rows)).expectComplete().verify(WAIT);
        assertThat(count("strict")).isEqualTo(49);
    }

    @Test
    void aBatchCutInSeveralIngestsIsNoLongerARefusalOnceAPartWasWritten() {
        sql("CREATE TABLE memory.main.strict (id BIGINT NOT NULL, name VARCHAR)");
        String large = "x".repeat(900 * 1024);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Map<String, Object> row = new HashMap<>();
            // 3.6 MB of text: over the 3 MiB of one ingest, so the ingest cuts it; the last row is refused
            row.put("id", i == 3 ? null : (Object) (long) i);
            row.put("name", large);
            rows.add(row);
        }

        StepVerifier.create(append(flight, "strict").write(rows))
                .expectErrorSatisfies(e -> assertThat(e).isNotInstanceOf(BadRequestException.class)
                        .hasMessageContaining("rows were written").hasCauseInstanceOf(BadRequestException.class))
                .verify(WAIT);
        assertThat(count("strict")).isPositive();
    }

    @Test
    void aMissingTableIsNotFoundAndNotCreated() {
        sql("CREATE TABLE memory.main.missingxevents (id BIGINT)");
        StepVerifier.create(append(flight, "missing_events").write(List.of(Map.of("id", 1L))))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(NotFoundException.class)
                        .hasMessageContaining("memory.main.missing_events").hasMessageContaining("exist"))
                .verify(WAIT);
        assertThat(rest.query("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'missing_events'")
                .map(r -> r.get(0, Long.class)).blockLast()).isZero();
        assertThat(count("missingxevents")).isZero();
    }

    @Test
    void aColumnAddedAfterTheFirstWriteIsFound() {
        sql("CREATE TABLE memory.main.events (id BIGINT, part INTEGER)");
        FlightBatchWrite write = append(flight, "events");
        StepVerifier.create(write.write(List.of(Map.of("id", 1L, "part", 0)))).expectComplete().verify(WAIT);
        sql("ALTER TABLE memory.main.events ADD COLUMN label VARCHAR");

        StepVerifier.create(write.write(List.of(Map.of("id", 2L, "part", 1, "label", "new"))))
                .expectComplete().verify(WAIT);
        assertThat(rest.query("SELECT label FROM memory.main.events WHERE id = 2").map(r -> r.getString(0))
                .blockLast()).isEqualTo("new");
    }

    @Test
    void aColumnAddedThatTheRowsDoNotNameIsFoundAfterTheServerRefusesTheStaleBatch() {
        sql("CREATE TABLE memory.main.events (id BIGINT, part INTEGER)");
        FlightBatchWrite write = append(flight, "events");
        StepVerifier.create(write.write(List.of(Map.of("id", 1L, "part", 0)))).expectComplete().verify(WAIT);
        sql("ALTER TABLE memory.main.events ADD COLUMN label VARCHAR");

        StepVerifier.create(write.write(List.of(Map.of("id", 2L, "part", 1)))).expectComplete().verify(WAIT);
        assertThat(rest.query("SELECT count(*) FILTER (label IS NULL), count(*) FROM memory.main.events")
                .map(r -> List.of(r.get(0, Long.class), r.get(1, Long.class))).blockLast()).containsExactly(2L, 2L);
    }
}
