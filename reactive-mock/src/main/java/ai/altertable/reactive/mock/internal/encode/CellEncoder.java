package ai.altertable.reactive.mock.internal.encode;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Writes the current row's cell of one column, {@code null} included, reading it with the cheapest exact JDBC getter
 * for the column's type. Built once per column by {@link CellEncoders}. Instances share their result's
 * {@link EncodingScratch} and are used by one thread at a time.
 */
@FunctionalInterface
interface CellEncoder {

    void write(ResultSet rs, int column, JsonGenerator g) throws SQLException, IOException;
}
