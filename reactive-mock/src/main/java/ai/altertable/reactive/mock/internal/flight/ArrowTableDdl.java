package ai.altertable.reactive.mock.internal.flight;

import ai.altertable.reactive.mock.internal.ingest.SqlQuoting;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

import java.util.ArrayList;
import java.util.List;

/**
 * The columns of a table created by bulk ingest, from the uploaded Arrow schema (protocol §10.3), as the official mock
 * (duckdb-rs 1.5) spells them: Arrow names in Arrow order, {@code NOT NULL} for non-nullable fields, no primary key.
 * Its gaps are kept: a List, LargeList or Map column renders as a bare {@code LIST} / {@code MAP}, which DuckDB rejects,
 * struct member names are unquoted, and Float16, Null and Union have no DuckDB type; the creation then fails.
 */
final class ArrowTableDdl {

    private ArrowTableDdl() {
    }

    /** {@code ("a" BIGINT NOT NULL, "b" VARCHAR, …)}; throws {@link IllegalArgumentException} for a type with none. */
    static String columns(Schema schema) {
        List<String> columns = new ArrayList<>();
        for (Field field : schema.getFields()) {
            columns.add(SqlQuoting.identifier(field.getName()) + ' ' + type(field)
                    + (field.isNullable() ? "" : " NOT NULL"));
        }
        return "(" + String.join(", ", columns) + ")";
    }

    static String type(Field field) {
        ArrowType type = field.getType();
        switch (type.getTypeID()) {
            case Bool: return "BOOLEAN";
            case Int: return integer((ArrowType.Int) type);
            case FloatingPoint:
                FloatingPointPrecision precision = ((ArrowType.FloatingPoint) type).getPrecision();
                if (precision == FloatingPointPrecision.HALF) {
                    throw new IllegalArgumentException("Float16 has no DuckDB type");
                }
                return precision == FloatingPointPrecision.SINGLE ? "FLOAT" : "DOUBLE";
            case Utf8: case LargeUtf8: case Utf8View: return "VARCHAR";
            case Binary: case LargeBinary: case BinaryView: case FixedSizeBinary: return "BLOB";
            case Date: return "DATE";
            case Time: return "TIME";
            case Timestamp: return timestamp((ArrowType.Timestamp) type);
            case Duration: case Interval: return "INTERVAL";
            case Decimal:
                ArrowType.Decimal decimal = (ArrowType.Decimal) type;
                return decimal.getBitWidth() == 256 ? "DOUBLE"
                        : "DECIMAL(" + decimal.getPrecision() + ", " + decimal.getScale() + ")";
            case Struct:
                List<String> members = new ArrayList<>();
                for (Field child : field.getChildren()) {
                    members.add(child.getName() + ' ' + type(child));
                }
                return "STRUCT(" + String.join(", ", members) + ")";
            case FixedSizeList: return type(field.getChildren().get(0)) + "[]";
            case List: case LargeList: return "LIST";
            case Map: return "MAP";
            default: throw new IllegalArgumentException(type + " has no DuckDB type");
        }
    }

    private static String integer(ArrowType.Int type) {
        String name;
        switch (type.getBitWidth()) {
            case 8: name = "TINYINT"; break;
            case 16: name = "SMALLINT"; break;
            case 32: name = "INTEGER"; break;
            default: name = "BIGINT"; break;
        }
        return type.getIsSigned() ? name : "U" + name;
    }

    private static String timestamp(ArrowType.Timestamp type) {
        if (type.getTimezone() != null) {
            return "TIMESTAMP WITH TIME ZONE";
        }
        switch (type.getUnit()) {
            case SECOND: return "TIMESTAMP_S";
            case MILLISECOND: return "TIMESTAMP_MS";
            case NANOSECOND: return "TIMESTAMP_NS";
            default: return "TIMESTAMP";
        }
    }
}
