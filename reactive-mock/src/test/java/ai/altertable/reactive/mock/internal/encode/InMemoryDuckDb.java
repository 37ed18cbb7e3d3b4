package ai.altertable.reactive.mock.internal.encode;

import ai.altertable.reactive.mock.internal.db.UserDatabase;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** A real in-memory DuckDB (a {@link UserDatabase}) whose query results the tests encode to text. */
final class InMemoryDuckDb implements AutoCloseable {

    private final UserDatabase database;
    private final Connection connection;

    InMemoryDuckDb() throws SQLException {
        this.database = new UserDatabase("t");
        this.connection = database.connect();
    }

    Connection connection() {
        return connection;
    }

    void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Every row of {@code sql} as {@link ResultEncoder#writeRow} writes it. */
    List<String> rows(String sql) throws SQLException, IOException {
        return encode(sql, false);
    }

    /** Every row of {@code sql} as {@link ResultEncoder#writeRowObject} writes it. */
    List<String> objects(String sql) throws SQLException, IOException {
        return encode(sql, true);
    }

    /** The only row of {@code sql}, as an array. */
    String row(String sql) throws SQLException, IOException {
        List<String> rows = rows(sql);
        if (rows.size() != 1) {
            throw new AssertionError("expected one row, got " + rows);
        }
        return rows.get(0);
    }

    /** The encoder built for {@code sql}'s result. */
    ResultEncoder encoder(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            return ResultEncoder.of(rs.getMetaData());
        }
    }

    private List<String> encode(String sql, boolean objects) throws SQLException, IOException {
        List<String> lines = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            ResultEncoder encoder = ResultEncoder.of(rs.getMetaData());
            while (rs.next()) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try (JsonGenerator g = RowJsonFactory.get().createGenerator(out)) {
                    if (objects) {
                        encoder.writeRowObject(rs, g);
                    } else {
                        encoder.writeRow(rs, g);
                    }
                }
                lines.add(out.toString(StandardCharsets.UTF_8));
            }
        }
        return lines;
    }

    @Override
    public void close() throws SQLException {
        try {
            connection.close();
        } finally {
            database.close();
        }
    }
}
