package ai.altertable.reactive.postgres.internal;

import ai.altertable.reactive.core.row.Column;
import ai.altertable.reactive.core.row.Interval;
import ai.altertable.reactive.core.row.Row;
import ai.altertable.reactive.core.row.RowMetadata;
import ai.altertable.reactive.core.row.Rows;
import ai.altertable.reactive.core.SerializationException;
import ai.altertable.reactive.core.ErrorContext;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.ColumnMetadata;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Turns the rows of one R2DBC result into core {@link Row}s: the column description once per result (names, and DuckDB
 * type names from the type OIDs, see {@link PgColumnTypes}), each cell decoded by r2dbc-postgresql and converted to the
 * core's natural Java value of its type ({@code bytea} to {@code byte[]}, {@code json} to a Jackson tree, an
 * {@code interval} to the core {@link Interval}, arrays to unmodifiable lists; the other types are already the
 * core's). A cell of a type without a DuckDB counterpart is read as text. One instance per result; not thread-safe (a
 * result's rows arrive one at a time).
 */
public final class PgRowConverter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RowMetadata metadata;
    private boolean[] asText;

    /** The core row for an R2DBC row of this converter's result. */
    public Row convert(io.r2dbc.spi.Row row, io.r2dbc.spi.RowMetadata rowMetadata) {
        if (metadata == null) {
            describe(rowMetadata);
        }
        Object[] values = new Object[asText.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = asText[i] ? row.get(i, String.class) : natural(row.get(i), i);
        }
        return Rows.of(metadata, values);
    }

    private void describe(io.r2dbc.spi.RowMetadata rowMetadata) {
        List<? extends ColumnMetadata> pgColumns = rowMetadata.getColumnMetadatas();
        List<Column> columns = new ArrayList<>(pgColumns.size());
        asText = new boolean[pgColumns.size()];
        for (int i = 0; i < pgColumns.size(); i++) {
            ColumnMetadata c = pgColumns.get(i);
            Object oid = c.getNativeTypeMetadata();
            String typeName = oid instanceof Integer ? PgColumnTypes.duckDbTypeName((Integer) oid) : null;
            asText[i] = typeName == null;
            columns.add(typeName == null ? Column.named(c.getName()) : Column.of(c.getName(), typeName));
        }
        metadata = RowMetadata.of(columns);
    }

    private Object natural(Object value, int index) {
        if (value instanceof ByteBuffer) {
            ByteBuffer buffer = ((ByteBuffer) value).duplicate();
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        }
        if (value instanceof Json) {
            try {
                return JSON.readTree(((Json) value).asString());
            } catch (JsonProcessingException e) {
                throw new SerializationException("column " + metadata.column(index).name()
                        + " holds JSON that does not parse", ErrorContext.none(), e);
            }
        }
        if (value instanceof io.r2dbc.postgresql.codec.Interval) {
            io.r2dbc.postgresql.codec.Interval v = (io.r2dbc.postgresql.codec.Interval) value;
            long micros = ((v.getHours() * 60L + v.getMinutes()) * 60L + v.getSecondsInMinute()) * 1_000_000L
                    + v.getMicrosecondsInSecond();
            return Interval.of(v.getYears() * 12 + v.getMonths(), v.getDays(), micros * 1000L);
        }
        if (value instanceof Object[]) {
            Object[] elements = (Object[]) value;
            List<Object> list = new ArrayList<>(elements.length);
            for (Object element : elements) {
                list.add(natural(element, index));
            }
            return Collections.unmodifiableList(list);
        }
        return value;
    }
}
