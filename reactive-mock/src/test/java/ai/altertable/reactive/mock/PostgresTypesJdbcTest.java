package ai.altertable.reactive.mock;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.postgresql.PGResultSetMetaData;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every common type through pgjdbc in its default (extended) mode: inserted with a prepared statement (parameters in
 * text, or in binary where pgjdbc sends them so), read back in text and in binary format, and equal to what the
 * mock's REST {@code /query} returns for the same query.
 */
class PostgresTypesJdbcTest {

    /**
     * Binary transfer for every type this server encodes in binary that pgjdbc decodes from binary, not only pgjdbc's
     * default set (pgjdbc reads json only in text; PgRawWireTest checks json's binary format).
     */
    private static final String BINARY = "?prepareThreshold=-1&binaryTransfer=true&binaryTransferEnable="
            + "INT2,INT4,INT8,FLOAT4,FLOAT8,NUMERIC,BOOL,TEXT,VARCHAR,BYTEA,DATE,TIME,TIMESTAMP,TIMESTAMPTZ,UUID";
    private static final String TEXT = "?binaryTransfer=false";
    private static final String COLUMNS = "i2, i4, i8, f4, f8, num, b, v, bin, d, t, ts, tz, u, j";

    private static AltertableMock mock;

    @BeforeAll
    static void start() {
        mock = AltertableMock.builder().user("alice", "s3cret-pw").withoutFlight().start();
    }

    @AfterAll
    static void stop() {
        mock.close();
    }

    private static Connection connect(String options) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "alice");
        p.setProperty("password", "s3cret-pw");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + mock.postgresPort() + "/memory" + options,
                p);
    }

    /** One column: how pgjdbc binds a value, and how the value pgjdbc reads and REST's JSON compare. */
    private record Column(String name, Object[] values, Function<Object, Object> fromJava,
                          Function<JsonNode, Object> fromJson, Class<?> readAs) {
    }

    private static final List<Column> COLUMNS_OF = List.of(
            new Column("i2", new Object[] {(short) 1, (short) -32768}, v -> ((Number) v).longValue(), JsonNode::asLong,
                    Short.class),
            new Column("i4", new Object[] {2, Integer.MIN_VALUE}, v -> ((Number) v).longValue(), JsonNode::asLong,
                    Integer.class),
            new Column("i8", new Object[] {3L, Long.MAX_VALUE}, v -> ((Number) v).longValue(), JsonNode::asLong,
                    Long.class),
            new Column("f4", new Object[] {1.5f, -3.25e10f}, v -> ((Number) v).floatValue(), j -> (float) j.asDouble(),
                    Float.class),
            new Column("f8", new Object[] {2.25, -1.0e-300}, v -> ((Number) v).doubleValue(), JsonNode::asDouble,
                    Double.class),
            new Column("num", new Object[] {new BigDecimal("12.345"), new BigDecimal("-98765.4321")},
                    v -> ((BigDecimal) v).stripTrailingZeros(), j -> j.decimalValue().stripTrailingZeros(),
                    BigDecimal.class),
            new Column("b", new Object[] {true, false}, v -> v, JsonNode::asBoolean, Boolean.class),
            new Column("v", new Object[] {"héllo, wörld", ""}, v -> v, JsonNode::asText, String.class),
            new Column("bin", new Object[] {new byte[] {1, (byte) 0xff, 0}, new byte[0]},
                    v -> HexFormat.of().formatHex((byte[]) v), JsonNode::asText, byte[].class),
            new Column("d", new Object[] {LocalDate.of(2024, 2, 29), LocalDate.of(1969, 7, 20)}, v -> v,
                    j -> LocalDate.parse(j.asText()), LocalDate.class),
            new Column("t", new Object[] {LocalTime.of(12, 34, 56, 500_000_000), LocalTime.of(0, 0, 0, 1000)},
                    v -> v, j -> LocalTime.parse(j.asText()), LocalTime.class),
            new Column("ts", new Object[] {LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_000),
                    LocalDateTime.of(1999, 12, 31, 23, 59, 59, 999_999_000)}, v -> v,
                    j -> LocalDateTime.parse(j.asText()), LocalDateTime.class),
            new Column("tz", new Object[] {OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC),
                    OffsetDateTime.of(1970, 1, 1, 1, 0, 0, 250_000_000, ZoneOffset.ofHours(2))},
                    v -> ((OffsetDateTime) v).toInstant(), j -> OffsetDateTime.parse(j.asText()).toInstant(),
                    OffsetDateTime.class),
            new Column("u", new Object[] {UUID.fromString("550e8400-e29b-41d4-a716-446655440000"), new UUID(0, 0)},
                    v -> v, j -> UUID.fromString(j.asText()), UUID.class),
            new Column("j", new Object[] {"{\"a\": [1, \"x\"]}", "[]"}, v -> Json.parse((String) v), j -> j,
                    String.class));

    @ParameterizedTest(name = "inserted with {0}, read with {1}")
    @CsvSource({"text, text", "text, binary", "binary, text", "binary, binary"})
    void everyTypeRoundTripsEqualToRest(String insertMode, String readMode) throws SQLException {
        String table = "types_" + insertMode + "_" + readMode;
        try (Connection c = connect(insertMode.equals("binary") ? BINARY : TEXT); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " (id INTEGER, i2 SMALLINT, i4 INTEGER, i8 BIGINT, f4 FLOAT, "
                    + "f8 DOUBLE, num DECIMAL(18,6), b BOOLEAN, v VARCHAR, bin BLOB, d DATE, t TIME, ts TIMESTAMP, "
                    + "tz TIMESTAMPTZ, u UUID, j JSON)");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (id, " + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int row = 0; row < 3; row++) {
                    ps.setInt(1, row);
                    for (int k = 0; k < COLUMNS_OF.size(); k++) {
                        ps.setObject(k + 2, row < 2 ? COLUMNS_OF.get(k).values()[row] : null, sqlType(k));
                    }
                    assertThat(ps.executeUpdate()).isEqualTo(1);
                }
            }
        }
        String query = "SELECT " + COLUMNS + " FROM " + table + " ORDER BY id";
        List<List<Object>> overPostgres = new ArrayList<>();
        try (Connection c = connect(readMode.equals("binary") ? BINARY : TEXT);
             PreparedStatement ps = c.prepareStatement(query);
             ResultSet rs = ps.executeQuery()) {
            PGResultSetMetaData md = rs.getMetaData().unwrap(PGResultSetMetaData.class);
            for (int k = 0; k < COLUMNS_OF.size(); k++) {
                assertThat(md.getFormat(k + 1)).as("format of %s", COLUMNS_OF.get(k).name())
                        .isEqualTo(readMode.equals("binary") && !COLUMNS_OF.get(k).name().equals("j") ? 1 : 0);
            }
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int k = 0; k < COLUMNS_OF.size(); k++) {
                    Column col = COLUMNS_OF.get(k);
                    Object v = col.readAs() == String.class ? rs.getString(k + 1) : rs.getObject(k + 1, col.readAs());
                    row.add(v == null ? null : col.fromJava().apply(v));
                }
                overPostgres.add(row);
            }
        }
        List<List<Object>> overRest = rest(query);
        assertThat(overPostgres).hasSize(3).isEqualTo(overRest);
        for (int k = 0; k < COLUMNS_OF.size(); k++) { // and equal to the values bound
            Column col = COLUMNS_OF.get(k);
            for (int row = 0; row < 2; row++) {
                assertThat(overPostgres.get(row).get(k)).as("%s row %d", col.name(), row)
                        .isEqualTo(col.fromJava().apply(col.values()[row]));
            }
            assertThat(overPostgres.get(2).get(k)).isNull();
        }
    }

    private static int sqlType(int k) {
        Object v = COLUMNS_OF.get(k).values()[0];
        if (v instanceof OffsetDateTime) {
            return java.sql.Types.TIMESTAMP_WITH_TIMEZONE;
        }
        if (COLUMNS_OF.get(k).name().equals("j")) {
            return java.sql.Types.OTHER; // pgjdbc then leaves the type to the server
        }
        return switch (v.getClass().getSimpleName()) {
            case "Short" -> java.sql.Types.SMALLINT;
            case "Integer" -> java.sql.Types.INTEGER;
            case "Long" -> java.sql.Types.BIGINT;
            case "Float" -> java.sql.Types.REAL;
            case "Double" -> java.sql.Types.DOUBLE;
            case "BigDecimal" -> java.sql.Types.NUMERIC;
            case "Boolean" -> java.sql.Types.BOOLEAN;
            case "String" -> java.sql.Types.VARCHAR;
            case "byte[]" -> java.sql.Types.BINARY;
            case "LocalDate" -> java.sql.Types.DATE;
            case "LocalTime" -> java.sql.Types.TIME;
            case "LocalDateTime" -> java.sql.Types.TIMESTAMP;
            default -> java.sql.Types.OTHER;
        };
    }

    /** A JSON line with its decimals kept exact (not read as doubles). */
    private static JsonNode readExactly(String line) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper()
                    .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .readTree(line);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<List<Object>> rest(String query) {
        RawHttp http = new RawHttp(mock.baseUrl(), "Basic " + java.util.Base64.getEncoder().encodeToString(
                "alice:s3cret-pw".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        RawHttp.Response r = http.sql(query);
        assertThat(r.status()).isEqualTo(200);
        List<String> lines = r.lines();
        List<List<Object>> rows = new ArrayList<>();
        for (String line : lines.subList(2, lines.size())) {
            JsonNode values = readExactly(line);
            List<Object> row = new ArrayList<>();
            for (int k = 0; k < COLUMNS_OF.size(); k++) {
                JsonNode v = values.get(k);
                row.add(v.isNull() ? null : COLUMNS_OF.get(k).fromJson().apply(v));
            }
            rows.add(Objects.requireNonNull(row));
        }
        return rows;
    }
}
