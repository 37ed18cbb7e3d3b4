package ai.altertable.reactive.mock.internal.encode;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.sql.SQLException;

/**
 * Writes one non-null value of a known DuckDB type, given as the Java object DuckDB JDBC returns for it inside a
 * LIST, ARRAY, STRUCT or MAP (or from {@code ResultSet.getObject}). Built once per type by {@link ValueEncoders}.
 * Instances share their result's {@link EncodingScratch} and are used by one thread at a time.
 */
@FunctionalInterface
interface ValueEncoder {

    void write(Object value, JsonGenerator g) throws SQLException, IOException;
}
