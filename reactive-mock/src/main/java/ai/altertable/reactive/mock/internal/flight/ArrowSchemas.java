package ai.altertable.reactive.mock.internal.flight;

import ai.altertable.reactive.core.row.DuckDbType;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The schemas of the prepare step (protocol §13.1): what the FlightInfo of a query, a prepared statement's
 * {@code dataset_schema} and {@code parameter_schema}, and GetTables' {@code table_schema} report, from DuckDB JDBC's
 * column type names. Every field is nullable. This is not what DoGet streams (§13.2, DuckDB's own Arrow export): a
 * client must trust the stream's schema.
 */
final class ArrowSchemas {

    private static final ArrowType NULL = ArrowType.Null.INSTANCE;

    private ArrowSchemas() {
    }

    /** The §13.1 schema of a prepared statement's result columns. */
    static Schema of(ResultSetMetaData metadata) throws SQLException {
        List<Field> fields = new ArrayList<>();
        int count = metadata == null ? 0 : metadata.getColumnCount();
        for (int i = 1; i <= count; i++) {
            fields.add(field(metadata.getColumnName(i), metadata.getColumnTypeName(i)));
        }
        return new Schema(fields);
    }

    /** A nullable field of the §13.1 type for a DuckDB type name. */
    static Field field(String name, String duckDbTypeName) {
        return field(name, DuckDbType.parse(duckDbTypeName));
    }

    /** The IPC-encapsulated schema message, as {@code dataset_schema}, {@code parameter_schema} and GetTables carry it. */
    static byte[] ipc(Schema schema) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            MessageSerializer.serialize(new WriteChannel(Channels.newChannel(out)), schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return out.toByteArray();
    }

    private static Field field(String name, DuckDbType type) {
        switch (type.kind()) {
            case LIST:
                return new Field(name, FieldType.nullable(ArrowType.List.INSTANCE),
                        List.of(field("item", type.elementType())));
            case STRUCT:
                List<Field> children = new ArrayList<>();
                for (DuckDbType.Field member : type.fields()) {
                    children.add(field(member.name(), member.type()));
                }
                return new Field(name, FieldType.nullable(ArrowType.Struct.INSTANCE), children);
            default:
                return new Field(name, FieldType.nullable(scalar(type)), null);
        }
    }

    /** The §13.1 table; every type it does not list, the official mock's fallback {@code Null}. */
    private static ArrowType scalar(DuckDbType type) {
        switch (type.kind()) {
            case BOOLEAN: return ArrowType.Bool.INSTANCE;
            case TINYINT: return new ArrowType.Int(8, true);
            case SMALLINT: return new ArrowType.Int(16, true);
            case INTEGER: return new ArrowType.Int(32, true);
            case BIGINT: return new ArrowType.Int(64, true);
            case UTINYINT: return new ArrowType.Int(8, false);
            case USMALLINT: return new ArrowType.Int(16, false);
            case UINTEGER: return new ArrowType.Int(32, false);
            case UBIGINT: return new ArrowType.Int(64, false);
            case FLOAT: return new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
            case DOUBLE: return new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            case VARCHAR: case JSON: return ArrowType.Utf8.INSTANCE;
            case BLOB: return ArrowType.Binary.INSTANCE;
            case DATE: return new ArrowType.Date(DateUnit.DAY);
            case TIME: return new ArrowType.Time(TimeUnit.MICROSECOND, 64);
            case TIMESTAMP: return new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
            case TIMESTAMP_MS: return new ArrowType.Timestamp(TimeUnit.MILLISECOND, null);
            case TIMESTAMP_NS: return new ArrowType.Timestamp(TimeUnit.NANOSECOND, null);
            case TIMESTAMP_S: return new ArrowType.Timestamp(TimeUnit.SECOND, null);
            case INTERVAL: return new ArrowType.Duration(TimeUnit.MICROSECOND);
            case HUGEINT: return new ArrowType.Decimal(38, 0, 128);
            case DECIMAL: return new ArrowType.Decimal(type.precision(), type.scale(), 128);
            case UUID: return new ArrowType.FixedSizeBinary(16);
            default: return NULL;
        }
    }
}
