package ai.altertable.reactive.mock.internal.encode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.PreparedStatement;
import java.util.Locale;

/**
 * Produces the {@code csv} and {@code parquet} outputs of {@code /query} (protocol §5.5) as a temporary file, written
 * by DuckDB itself with {@code COPY (<statement>) TO '<file>' (FORMAT …)}. The caller streams the file and deletes it.
 * ({@code jsonl} is not a file: write {@link ResultEncoder#writeRowObject} per row, each followed by {@code \n}.)
 *
 * <p><b>What COPY accepts.</b> A single query: SELECT, FROM-first, VALUES, WITH, DESCRIBE, SHOW, PIVOT… Trailing
 * semicolons are removed and the statement is put on its own lines, so a trailing {@code --} comment is harmless.
 * DDL/DML ({@code CREATE}, {@code INSERT}) and several {@code ;}-separated statements fail with DuckDB's
 * {@code Parser Error: syntax error at or near …}, nothing runs, and the server answers 500 with that text. The
 * official mock instead runs them (all but the last for their side effects) and answers 200 with an empty-ish file.
 *
 * <p><b>How DuckDB's CSV differs from the official mock's (Arrow CSV writer, defaults).</b> Same: a header line,
 * {@code ,} separator, {@code \n} line ends, quotes only when needed with {@code ""} inside, NULL as an empty field,
 * booleans, integers and decimals ({@code 1.50}). Different:
 * <ul>
 *   <li>timestamps: DuckDB {@code 2024-03-01 13:45:00.5} and {@code 2024-03-01 13:45:00+00}, Arrow
 *       {@code 2024-03-01T13:45:00.500} and {@code 2024-03-01T13:45:00.500Z} (TIME likewise trims the fraction);</li>
 *   <li>BLOB: DuckDB {@code \xDE\xAD}, Arrow {@code dead}; INTERVAL: DuckDB {@code 1 day}, Arrow {@code 1 days};</li>
 *   <li>LIST/STRUCT/MAP: DuckDB writes its text ({@code "[1, 2]"}, {@code {'a': 1}}); Arrow refuses nested types,
 *       so the official mock answers 500;</li>
 *   <li>duplicate column names: DuckDB renames ({@code a,a_1}), Arrow repeats them ({@code a,a});</li>
 *   <li>an empty result: DuckDB still writes the header with the real column names; the official mock has no column
 *       names for an empty result and writes an empty header line.</li>
 * </ul>
 * Parquet: both are readable Parquet files of the same rows and column names; DuckDB compresses with Snappy and
 * Arrow writes uncompressed, so the bytes differ.
 *
 * <p>Blocking (JDBC and file I/O): call it off the event loop. Stateless and thread-safe; the connection is used for
 * one statement and not closed.
 */
public final class QueryFileExport {

    /** Prefix of a failure to parse, bind or plan the statement. */
    public static final String PREPARE_FAILED = "Failed to prepare statement: ";
    /** Prefix of a failure while running it. */
    public static final String EXECUTE_FAILED = "Failed to execute query: ";

    /** The file formats COPY writes for {@code /query}. */
    public enum Format {
        CSV("csv", "FORMAT csv, HEADER true, DELIMITER ',', NEW_LINE '\\n'"),
        PARQUET("parquet", "FORMAT parquet");

        private final String extension;
        private final String options;

        Format(String extension, String options) {
            this.extension = extension;
            this.options = options;
        }

        /** The {@code format} field value of the request. */
        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private QueryFileExport() {
    }

    /**
     * Runs {@code statement} on {@code connection} and writes its result to a new temporary file.
     *
     * @return the file; the caller deletes it after streaming it
     * @throws SQLException DuckDB's error, e.g. for DDL or several statements, with the stage that failed as the
     *                      official mock words it: {@value #PREPARE_FAILED} (parse, bind, catalog) or
     *                      {@value #EXECUTE_FAILED}; no file is left behind
     * @throws IOException if the temporary file cannot be created
     */
    public static Path export(Connection connection, String statement, Format format)
            throws SQLException, IOException {
        Path file = Files.createTempFile("altertable-query-", "." + format.extension);
        try (PreparedStatement copy = prepare(connection, copySql(statement, file, format))) {
            try {
                copy.execute();
            } catch (SQLException e) {
                throw new SQLException(EXECUTE_FAILED + e.getMessage(), e.getSQLState(), e);
            }
            return file;
        } catch (SQLException | RuntimeException failure) {
            Files.deleteIfExists(file);
            throw failure;
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql) throws SQLException {
        try {
            return connection.prepareStatement(sql);
        } catch (SQLException e) {
            throw new SQLException(PREPARE_FAILED + e.getMessage(), e.getSQLState(), e);
        }
    }

    /** The COPY statement, exposed for tests. */
    static String copySql(String statement, Path file, Format format) {
        String target = file.toAbsolutePath().toString().replace("'", "''");
        return "COPY (\n" + withoutTrailingSemicolons(statement) + "\n) TO '" + target + "' (" + format.options + ")";
    }

    private static String withoutTrailingSemicolons(String statement) {
        int end = statement.length();
        while (end > 0 && (Character.isWhitespace(statement.charAt(end - 1)) || statement.charAt(end - 1) == ';')) {
            end--;
        }
        return statement.substring(0, end);
    }
}
