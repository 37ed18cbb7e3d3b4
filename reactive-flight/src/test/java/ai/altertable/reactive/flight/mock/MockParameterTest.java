package ai.altertable.reactive.flight.mock;

import ai.altertable.reactive.core.BadRequestException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Prepared-statement parameters of every Java type against the mock, which binds them as the Altertable server does
 * (protocol §9.2: one row per execution, every value as text, only a few Arrow types read): each value is inserted
 * through a prepared update, found again through a prepared query that compares with it, and read back equal.
 *
 * <p>The user's database runs with {@code TimeZone} New York, so that a timestamp bound without its offset would land
 * five hours off.
 */
class MockParameterTest extends MockTestSupport {

    private final AtomicInteger tables = new AtomicInteger();

    @BeforeEach
    void aTimeZoneThatIsNotUtc() {
        client.update("SET TimeZone = 'America/New_York'").block(TIMEOUT);
    }

    @Test
    void bigDecimals() {
        roundTrip("DECIMAL(10,2)", new BigDecimal("1.50"), BigDecimal.class);
        roundTrip("DECIMAL(38,10)", new BigDecimal("-1234567890123456789012345678.0123456789"), BigDecimal.class);
    }

    @Test
    void localDates() {
        roundTrip("DATE", LocalDate.of(2024, 2, 29), LocalDate.class);
        roundTrip("DATE", LocalDate.of(1, 1, 1), LocalDate.class);
        roundTrip("DATE", LocalDate.of(-1, 12, 31), LocalDate.class);
        roundTrip("DATE", LocalDate.of(12_345, 6, 7), LocalDate.class);
    }

    @Test
    void localTimes() {
        roundTrip("TIME", LocalTime.of(13, 45, 7, 123_456_000), LocalTime.class);
        roundTrip("TIME", LocalTime.MIDNIGHT, LocalTime.class);
    }

    @Test
    void localDateTimes() {
        roundTrip("TIMESTAMP", LocalDateTime.of(2024, 2, 29, 13, 45, 7, 123_456_000), LocalDateTime.class);
        roundTrip("TIMESTAMP_NS", LocalDateTime.of(2024, 2, 29, 13, 45, 7, 123_456_789), LocalDateTime.class);
        roundTrip("TIMESTAMP", LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000), LocalDateTime.class);
    }

    @Test
    void instantsOffsetAndZonedDateTimesKeepTheirInstant() {
        Instant instant = Instant.parse("2024-02-29T12:45:07.123456Z");
        roundTrip("TIMESTAMPTZ", instant, Instant.class);
        OffsetDateTime paris = OffsetDateTime.of(2024, 7, 1, 9, 30, 0, 500_000_000, ZoneOffset.ofHours(2));
        assertThat(insertAndFind("TIMESTAMPTZ", paris, OffsetDateTime.class).toInstant())
                .isEqualTo(paris.toInstant());
        ZonedDateTime tokyo = ZonedDateTime.of(1999, 12, 31, 23, 0, 0, 0, java.time.ZoneId.of("Asia/Tokyo"));
        assertThat(insertAndFind("TIMESTAMPTZ", tokyo, Instant.class)).isEqualTo(tokyo.toInstant());
        // into a TIMESTAMP: the UTC wall-clock time
        assertThat(insertAndFind("TIMESTAMP", paris, LocalDateTime.class))
                .isEqualTo(LocalDateTime.of(2024, 7, 1, 7, 30, 0, 500_000_000));
    }

    @Test
    void uuids() {
        roundTrip("UUID", UUID.fromString("123e4567-e89b-42d3-a456-426614174000"), UUID.class);
    }

    @Test
    void bytes() {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        assertThat(insertAndFind("BLOB", all, byte[].class)).isEqualTo(all);
        byte[] tricky = {'\\', 'x', '4', '1', '\'', '"', 0};
        assertThat(insertAndFind("BLOB", tricky, byte[].class)).isEqualTo(tricky);
        assertThat(insertAndFind("BLOB", new byte[0], byte[].class)).isEmpty();
        assertThat(insertAndFind("BLOB", ByteBuffer.wrap(new byte[] {9, 1, 2, 3}, 1, 2), byte[].class))
                .isEqualTo(new byte[] {1, 2});
    }

    @Test
    void booleansNumbersAndText() {
        roundTrip("BOOLEAN", true, Boolean.class);
        roundTrip("BOOLEAN", false, Boolean.class);
        roundTrip("BIGINT", Long.MIN_VALUE, Long.class);
        roundTrip("DOUBLE", 0.1, Double.class);
        roundTrip("VARCHAR", "it's \\x41 \"quoted\" é", String.class);
    }

    @Test
    void severalParameterRowsRunOneExecutionEachInOrder() {
        client.update("CREATE TABLE " + table + " (id BIGINT, name VARCHAR, price DECIMAL(10,2), day DATE)")
                .block(TIMEOUT);
        List<List<?>> rows = List.of(
                List.of(1L, "one", new BigDecimal("1.10"), LocalDate.of(2024, 1, 1)),
                List.of(2, "two", new BigDecimal("2.20"), LocalDate.of(2024, 1, 2)),
                List.of(3L, "three", new BigDecimal("3.30"), LocalDate.of(2024, 1, 3)));
        StepVerifier.create(client.prepared("INSERT INTO " + table + " VALUES (?, ?, ?, ?)", s -> s.updateEach(rows)))
                .expectNext(1L, 1L, 1L)
                .verifyComplete();

        StepVerifier.create(client.prepared("SELECT name, price FROM " + table + " WHERE id >= ? ORDER BY id",
                        s -> s.queryEach(List.of(List.of(3L), List.of(1L), List.of(2L))))
                        .map(r -> r.getString("name") + " " + r.getBigDecimal("price")))
                .expectNext("three 3.30", "one 1.10", "two 2.20", "three 3.30", "two 2.20", "three 3.30")
                .verifyComplete();
        StepVerifier.create(client.prepared("SELECT 1 AS one", s -> s.queryEach(List.of()))).verifyComplete();
    }

    @Test
    void severalRowsAreNotAtomic_exceptInATransaction() {
        client.update("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY)").block(TIMEOUT);
        String insert = "INSERT INTO " + table + " VALUES (?)";
        List<List<?>> rows = List.of(List.of(1L), List.of(1L), List.of(2L)); // the second violates the key

        StepVerifier.create(client.prepared(insert, s -> s.updateEach(rows)))
                .expectNext(1L)
                .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("Constraint Error"))
                .verify(TIMEOUT);
        assertThat(ids()).containsExactly(1L); // the first row stays, the third never ran

        client.update("DELETE FROM " + table).block(TIMEOUT);
        StepVerifier.create(client.inTransaction(tx -> tx.prepared(insert, s -> s.updateEach(rows))))
                .expectNext(1L)
                .expectError()
                .verify(TIMEOUT);
        assertThat(ids()).isEmpty(); // rolled back
    }

    @Test
    void nullsAndWrongValueCountsAreRefusedBeforeAnythingIsSent() {
        client.update("CREATE TABLE " + table + " (id BIGINT)").block(TIMEOUT);
        String insert = "INSERT INTO " + table + " VALUES (?)";

        StepVerifier.create(client.prepared(insert, s -> s.updateEach(List.of(List.of(1L), java.util.Arrays.asList(
                        (Object) null)))))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(BadRequestException.class).hasMessageContaining(
                        "parameter 1 of parameter row 2 is null: the Altertable server binds a null parameter as the "
                                + "text 'NULL', not SQL NULL, so write NULL into the SQL instead"))
                .verify(TIMEOUT);
        StepVerifier.create(client.prepared(insert, s -> s.update(1L, 2L)))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(BadRequestException.class)
                        .hasMessageContaining("the statement has 1 parameter, but 2 values were given"))
                .verify(TIMEOUT);
        StepVerifier.create(client.prepared("SELECT * FROM " + table + " WHERE id = ?", s -> s.query()))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(BadRequestException.class)
                        .hasMessageContaining("the statement has 1 parameter, but 0 values were given"))
                .verify(TIMEOUT);
        assertThat(ids()).isEmpty(); // row 1 of the first call was not run either
    }

    private List<Long> ids() {
        return client.query("SELECT id FROM " + table + " ORDER BY id").map(r -> r.getLong(0)).collectList()
                .block(TIMEOUT);
    }

    private <T> void roundTrip(String sqlType, T value, Class<T> type) {
        assertThat(insertAndFind(sqlType, value, type)).isEqualTo(value);
    }

    /**
     * Creates a table with one column of {@code sqlType}, inserts {@code value} with a prepared update, finds it with
     * a prepared query comparing the column with {@code value}, and reads it back.
     */
    private <T> T insertAndFind(String sqlType, Object value, Class<T> type) {
        String name = table + "_" + tables.incrementAndGet();
        client.update("CREATE TABLE " + name + " (v " + sqlType + ")").block(TIMEOUT);
        assertThat(client.prepared("INSERT INTO " + name + " VALUES (?)", s -> s.update(value)).single()
                .block(TIMEOUT)).isEqualTo(1L);
        List<T> found = client.prepared("SELECT v FROM " + name + " WHERE v = ?", s -> s.query(value))
                .map(row -> row.get(0, type))
                .collectList()
                .block(TIMEOUT);
        assertThat(found).as("rows of %s equal to the bound value", sqlType).hasSize(1);
        return found.get(0);
    }
}
