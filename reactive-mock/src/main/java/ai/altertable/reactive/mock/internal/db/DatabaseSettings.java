package ai.altertable.reactive.mock.internal.db;

import org.duckdb.DuckDBDriver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;

/**
 * Where the users' DuckDB databases live and how much memory DuckDB may use.
 *
 * <p>Without a data directory each user's database is in memory and gone when the mock stops. With one, each user has
 * one DuckDB file, {@code <dir>/<user>/memory.duckdb}, kept across restarts: the file is named {@code memory} so that
 * the database keeps the catalog name {@code memory} that clients use ({@code catalog=memory}), as in memory. A user
 * name is written in the path with lowercase letters, digits, {@code -} and {@code _} as they are and every other byte
 * of its UTF-8 form as {@code %XX}, so names cannot collide (also on case-insensitive file systems) or escape the
 * directory.
 *
 * @param dataDir     the directory of the database files, or {@code null} for in-memory databases
 * @param memoryLimit DuckDB's {@code memory_limit} for each database (for example {@code 2GB}), or {@code null} for
 *                    DuckDB's default (80 % of the machine's memory)
 */
public record DatabaseSettings(Path dataDir, String memoryLimit) {

    /** In-memory databases with DuckDB's default memory limit. */
    public static final DatabaseSettings IN_MEMORY = new DatabaseSettings(null, null);

    /** The name of each user's database file, which is also its catalog name. */
    public static final String FILE_NAME = "memory.duckdb";

    /** The DuckDB file of a user's database, or {@code null} in memory. */
    public Path fileOf(String username) {
        return dataDir == null ? null : dataDir.resolve(pathSegment(username)).resolve(FILE_NAME);
    }

    /** The JDBC URL of a user's database. */
    String url(String username) {
        Path file = fileOf(username);
        return "jdbc:duckdb:" + (file == null ? "" : file.toAbsolutePath().toString());
    }

    /** The connection properties of every database: streamed results and the memory limit. */
    Properties properties() {
        Properties props = new Properties();
        // Stream results chunk by chunk instead of materialising them at execute(): without this, a 50M-row SELECT
        // takes seconds and gigabytes before the first row, and backpressure cannot reach DuckDB. Duplicates inherit it.
        props.setProperty(DuckDBDriver.JDBC_STREAM_RESULTS, "true");
        if (memoryLimit != null) {
            props.setProperty("memory_limit", memoryLimit);
        }
        return props;
    }

    /**
     * Makes sure the settings can be used before anything is served: has DuckDB accept the memory limit and creates
     * the data directory.
     *
     * @throws IllegalArgumentException naming the setting and the reason
     */
    public void check() {
        if (memoryLimit != null) {
            checkMemoryLimit(memoryLimit, "memory limit");
        }
        if (dataDir != null) {
            try {
                Files.createDirectories(dataDir);
            } catch (IOException e) {
                throw new IllegalArgumentException("data directory " + dataDir + " cannot be created: " + e, e);
            }
            if (!Files.isWritable(dataDir)) {
                throw new IllegalArgumentException("data directory " + dataDir + " is not writable");
            }
        }
    }

    /**
     * Checks a size for DuckDB's {@code memory_limit} by opening a throwaway in-memory database with it.
     *
     * @param name what to call the setting in the message (a flag, an environment variable, a builder option)
     * @throws IllegalArgumentException when DuckDB refuses it, with DuckDB's reason and examples of valid sizes
     */
    public static void checkMemoryLimit(String size, String name) {
        if (size.isBlank()) {
            throw new IllegalArgumentException(name + " must be a size such as 2GB, 512MiB or 50%, was empty");
        }
        Properties props = new Properties();
        props.setProperty("memory_limit", size);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:", props)) {
            c.isValid(0);
        } catch (SQLException e) {
            String reason = String.valueOf(e.getMessage());
            int at = reason.lastIndexOf("error: ");
            throw new IllegalArgumentException(name + " \"" + size + "\" is not a size DuckDB accepts ("
                    + (at >= 0 ? reason.substring(at + "error: ".length()) : reason)
                    + "); use a size such as 2GB, 512MiB or 50%", e);
        }
    }

    /** The user's directory name: see the class description. */
    static String pathSegment(String username) {
        StringBuilder sb = new StringBuilder();
        for (byte b : username.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
                sb.append(c);
            } else {
                sb.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
            }
        }
        return sb.toString();
    }
}
