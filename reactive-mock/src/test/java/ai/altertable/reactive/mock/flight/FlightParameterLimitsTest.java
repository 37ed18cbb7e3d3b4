package ai.altertable.reactive.mock.flight;

import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.sql.FlightSqlClient.PreparedStatement;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The server's parameter limits (protocol §9.2), kept, with errors that say what to do: one parameter row per
 * execution, nulls bound as the text {@code NULL}, binary data bound as a list rendering, and types the server does not
 * read bound as {@code UNSUPPORTED_TYPE_…}. Seen through Arrow's FlightSqlClient (for the status codes) and Arrow's
 * JDBC driver (what its users see).
 */
class FlightParameterLimitsTest extends FlightTestBase {

    private static final String ONE_ROW = "The server binds one parameter row per execution, and 2 rows were bound";
    private static final String PER_ROW = "execute the statement once per row";

    @Test
    void severalParameterRowsFailWithTheLimitAndTheFix() throws Exception {
        FlightTestClient client = client();
        try (PreparedStatement prepared = client.sql.prepare("SELECT ?::INTEGER AS v");
             VectorSchemaRoot values = VectorSchemaRoot.create(new Schema(List.of(int32("v"))), allocator)) {
            values.allocateNew();
            ((IntVector) values.getVector(0)).setSafe(0, 1);
            ((IntVector) values.getVector(0)).setSafe(1, 2);
            values.setRowCount(2);
            prepared.setParameters(values);
            FlightInfo info = prepared.execute();
            assertThat(failure(FlightStatusCode.INTERNAL, () -> client.rows(info)).getMessage())
                    .startsWith("Failed to execute query: ")
                    .contains(ONE_ROW + " (their 2 values were taken as one row)").contains(PER_ROW);
        }
    }

    @Test
    void aNullFailsWithTheLimitAndTheFix() throws Exception {
        FlightTestClient client = client();
        try (PreparedStatement prepared = client.sql.prepare("SELECT ?::INTEGER + 1 AS v");
             VectorSchemaRoot values = VectorSchemaRoot.create(new Schema(List.of(int32("v"))), allocator)) {
            values.allocateNew();
            ((IntVector) values.getVector(0)).setNull(0);
            values.setRowCount(1);
            prepared.setParameters(values);
            FlightInfo info = prepared.execute();
            assertThat(failure(FlightStatusCode.INTERNAL, () -> client.rows(info)).getMessage())
                    .startsWith("Failed to execute query: Conversion Error: Could not convert string 'NULL'")
                    .contains("Parameter 1 is null, which the server binds as the text 'NULL', not SQL NULL: "
                            + "write NULL into the SQL instead of binding it");
        }
    }

    @Test
    void binaryAndUnreadTypesFailWithTheLimitAndTheFix_andAreStillBoundAsTheServerBindsThem() throws Exception {
        FlightTestClient client = client();
        try (PreparedStatement asText = client.sql.prepare("SELECT ?::VARCHAR AS b, ?::VARCHAR AS d");
             VectorSchemaRoot values = binaryAndDecimal()) {
            asText.setParameters(values);
            // what the server binds, unchanged: no error where the text casts
            assertThat(client.rows(asText.execute()))
                    .containsExactly(List.of("[1, 2]", "UNSUPPORTED_TYPE_Decimal128(10, 2)"));
        }
        try (PreparedStatement typed = client.sql.prepare("SELECT ?::BLOB AS b, ?::DECIMAL(10,2) AS d");
             VectorSchemaRoot values = binaryAndDecimal()) {
            typed.setParameters(values);
            FlightInfo info = typed.execute();
            assertThat(failure(FlightStatusCode.INTERNAL, () -> client.rows(info)).getMessage())
                    .startsWith("Failed to execute query: Conversion Error: Could not convert string "
                            + "\"UNSUPPORTED_TYPE_Decimal128(10, 2)\" to DECIMAL(10,2)")
                    .contains("\nParameter 1 is Arrow Binary, which the server binds as the text '[1, 2]'")
                    .contains("bind BLOB parameters as text (Utf8) in DuckDB's escaped form")
                    .contains(". Parameter 2 is Arrow Decimal128(10, 2), a type the server does not read")
                    .contains("bind DECIMAL parameters as text (Utf8)");
        }
    }

    private VectorSchemaRoot binaryAndDecimal() {
        Schema schema = new Schema(List.of(new Field("b", FieldType.nullable(ArrowType.Binary.INSTANCE), null),
                new Field("d", FieldType.nullable(new ArrowType.Decimal(10, 2, 128)), null)));
        VectorSchemaRoot values = VectorSchemaRoot.create(schema, allocator);
        values.allocateNew();
        ((VarBinaryVector) values.getVector(0)).setSafe(0, new byte[] {1, 2});
        ((DecimalVector) values.getVector(1)).setSafe(0, new BigDecimal("1.50"));
        values.setRowCount(1);
        return values;
    }

    @Test
    void jdbcBatchesOfParametersFailWithTheLimitAndTheFix() throws Exception {
        client().update("CREATE TABLE jdbc_batches (id INTEGER, label VARCHAR)");
        try (Connection connection = jdbc();
             java.sql.PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO jdbc_batches VALUES (?, ?)")) {
            insert.setInt(1, 1);
            insert.setString(2, "one");
            insert.addBatch();
            insert.setInt(1, 2);
            insert.setString(2, "two");
            insert.addBatch();
            SQLException e = catchThrowableOfType(SQLException.class, insert::executeBatch);
            assertThat(e.getMessage()).startsWith("Failed to execute query: ")
                    .contains(ONE_ROW + " (their 4 values were taken as one row)").contains(PER_ROW)
                    .contains("not addBatch and executeBatch");
            // the fix works: once per row
            for (int id = 1; id <= 2; id++) {
                insert.setInt(1, id);
                insert.setString(2, "row " + id);
                assertThat(insert.executeUpdate()).isEqualTo(1);
            }
        }
        assertThat(client().query("SELECT id, label FROM jdbc_batches ORDER BY id"))
                .containsExactly(List.of(1, "row 1"), List.of(2, "row 2"));
    }

    @Test
    void jdbcDecimalsFailWithTheLimitAndTheFix() throws Exception {
        client().update("CREATE TABLE jdbc_prices (price DECIMAL(10,2))");
        try (Connection connection = jdbc()) {
            try (java.sql.PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO jdbc_prices VALUES (?)")) {
                insert.setBigDecimal(1, new BigDecimal("1.50"));
                SQLException e = catchThrowableOfType(SQLException.class, insert::executeUpdate);
                assertThat(e.getMessage()).contains("Could not convert string \"UNSUPPORTED_TYPE_Decimal128(10, 2)\"")
                        .contains("Parameter 1 is Arrow Decimal128(10, 2), a type the server does not read")
                        .contains("bind DECIMAL parameters as text (Utf8), e.g. by writing CAST(? AS VARCHAR) in the "
                                + "SQL and sending the value as a string");
            }
            // the fix works: the parameter is text, DuckDB casts it to the column's type
            try (java.sql.PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO jdbc_prices VALUES (CAST(? AS VARCHAR))")) {
                insert.setString(1, "1.50");
                assertThat(insert.executeUpdate()).isEqualTo(1);
            }
            try (java.sql.Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT price FROM jdbc_prices")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getBigDecimal(1)).isEqualByComparingTo("1.50");
                assertThat(rows.next()).isFalse();
            }
        }
    }

    private static Connection jdbc() throws SQLException {
        return DriverManager.getConnection("jdbc:arrow-flight-sql://127.0.0.1:" + mock.flightPort()
                + "?useEncryption=false&user=" + USER + "&password=" + PASSWORD);
    }

    private static Field int32(String name) {
        return new Field(name, FieldType.nullable(new ArrowType.Int(32, true)), null);
    }
}
