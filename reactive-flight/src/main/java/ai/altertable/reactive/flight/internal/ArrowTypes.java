package ai.altertable.reactive.flight.internal;

import ai.altertable.reactive.core.row.Column;
import ai.altertable.reactive.core.row.DuckDbType;
import ai.altertable.reactive.core.row.DuckDbType.Kind;
import ai.altertable.reactive.core.row.RowMetadata;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

import java.util.ArrayList;
import java.util.List;

/**
 * The DuckDB type of an Arrow field, so that a {@code Row} read over Flight describes its columns (and decodes its
 * values) as one read over REST does.
 *
 * <p>The stream's schema is the truth. The schema announced by {@code GetFlightInfo} is used only as a hint for what
 * the stream cannot say: the server streams a {@code UUID} column as text but announces it as
 * {@code FixedSizeBinary(16)}, so a text column announced that way (or marked with the {@code arrow.uuid} extension) is a
 * UUID. A text column with the {@code arrow.json} extension is JSON. {@code HUGEINT} and {@code DECIMAL(38,0)} look the
 * same on the wire and both read as {@code DECIMAL(38,0)}.
 */
public final class ArrowTypes {

    static final String EXTENSION_NAME = "ARROW:extension:name";

    private ArrowTypes() {
    }

    /**
     * The columns of {@code stream}, with types from {@link #duckDbType(Field, Field)}.
     *
     * @param announced the {@code FlightInfo} schema, or {@code null}; its field at the same position is used as a hint
     *                  when it has the same name
     */
    public static RowMetadata metadata(Schema stream, Schema announced) {
        List<Field> fields = stream.getFields();
        List<Column> columns = new ArrayList<>(fields.size());
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            columns.add(Column.of(f.getName(), duckDbType(f, hint(announced, i, f.getName()))));
        }
        return RowMetadata.of(columns);
    }

    private static Field hint(Schema announced, int index, String name) {
        if (announced == null || index >= announced.getFields().size()) {
            return null;
        }
        Field h = announced.getFields().get(index);
        return h.getName().equals(name) ? h : null;
    }

    /** The DuckDB type of {@code field}; {@code hint} (may be null) is the announced field of the same column. */
    public static DuckDbType duckDbType(Field field, Field hint) {
        ArrowType type = field.getType();
        if (type instanceof ArrowType.ExtensionType) { // a registered extension type; otherwise only metadata says so
            ArrowType.ExtensionType extension = (ArrowType.ExtensionType) type;
            if ("arrow.uuid".equals(extension.extensionName())) {
                return DuckDbType.of(Kind.UUID);
            }
            if ("arrow.json".equals(extension.extensionName())) {
                return DuckDbType.of(Kind.JSON);
            }
            return duckDbType(new Field(field.getName(), new FieldType(field.isNullable(), extension.storageType(),
                    null, field.getMetadata()), field.getChildren()), hint);
        }
        switch (type.getTypeID()) {
            case Null:
                return DuckDbType.of(Kind.NULL);
            case Bool:
                return DuckDbType.of(Kind.BOOLEAN);
            case Int:
                return integer((ArrowType.Int) type);
            case FloatingPoint:
                return DuckDbType.of(((ArrowType.FloatingPoint) type).getPrecision() == FloatingPointPrecision.DOUBLE
                        ? Kind.DOUBLE : Kind.FLOAT);
            case Decimal:
                ArrowType.Decimal d = (ArrowType.Decimal) type;
                return DuckDbType.decimal(Math.max(1, d.getPrecision()), Math.max(0, d.getScale()));
            case Utf8:
            case LargeUtf8:
            case Utf8View:
                return text(field, hint);
            case Binary:
            case LargeBinary:
            case BinaryView:
                return DuckDbType.of(Kind.BLOB);
            case FixedSizeBinary:
                return ((ArrowType.FixedSizeBinary) type).getByteWidth() == 16 ? DuckDbType.of(Kind.UUID)
                        : DuckDbType.of(Kind.BLOB);
            case Date:
                return DuckDbType.of(Kind.DATE);
            case Time:
                return DuckDbType.of(((ArrowType.Time) type).getUnit() == TimeUnit.NANOSECOND ? Kind.TIME_NS : Kind.TIME);
            case Timestamp:
                return timestamp((ArrowType.Timestamp) type);
            case Interval:
            case Duration:
                return DuckDbType.of(Kind.INTERVAL);
            case List:
            case LargeList:
            case ListView:
            case LargeListView:
                return DuckDbType.list(child(field, 0));
            case FixedSizeList:
                return DuckDbType.array(child(field, 0), ((ArrowType.FixedSizeList) type).getListSize());
            case Struct:
                return DuckDbType.struct(members(field));
            case Map:
                Field entries = field.getChildren().get(0);
                return DuckDbType.map(child(entries, 0), child(entries, 1));
            case Union:
                return DuckDbType.union(members(field));
            default:
                return DuckDbType.unknown();
        }
    }

    /** Whether values of {@code field} (text on the wire) are UUIDs, per {@link #duckDbType(Field, Field)}. */
    static boolean isUuidText(Field field, Field hint) {
        return text(field, hint).kind() == Kind.UUID;
    }

    private static DuckDbType text(Field field, Field hint) {
        String extension = field.getMetadata().get(EXTENSION_NAME);
        if ("arrow.json".equals(extension)) {
            return DuckDbType.of(Kind.JSON);
        }
        if ("arrow.uuid".equals(extension)) {
            return DuckDbType.of(Kind.UUID);
        }
        if (hint != null && (hint.getType() instanceof ArrowType.FixedSizeBinary
                && ((ArrowType.FixedSizeBinary) hint.getType()).getByteWidth() == 16
                || "arrow.uuid".equals(hint.getMetadata().get(EXTENSION_NAME)))) {
            return DuckDbType.of(Kind.UUID);
        }
        return DuckDbType.of(Kind.VARCHAR);
    }

    private static DuckDbType integer(ArrowType.Int t) {
        switch (t.getBitWidth()) {
            case 8:
                return DuckDbType.of(t.getIsSigned() ? Kind.TINYINT : Kind.UTINYINT);
            case 16:
                return DuckDbType.of(t.getIsSigned() ? Kind.SMALLINT : Kind.USMALLINT);
            case 32:
                return DuckDbType.of(t.getIsSigned() ? Kind.INTEGER : Kind.UINTEGER);
            default:
                return DuckDbType.of(t.getIsSigned() ? Kind.BIGINT : Kind.UBIGINT);
        }
    }

    private static DuckDbType timestamp(ArrowType.Timestamp t) {
        if (t.getTimezone() != null) {
            return DuckDbType.of(t.getUnit() == TimeUnit.NANOSECOND ? Kind.TIMESTAMPTZ_NS : Kind.TIMESTAMPTZ);
        }
        switch (t.getUnit()) {
            case SECOND:
                return DuckDbType.of(Kind.TIMESTAMP_S);
            case MILLISECOND:
                return DuckDbType.of(Kind.TIMESTAMP_MS);
            case NANOSECOND:
                return DuckDbType.of(Kind.TIMESTAMP_NS);
            default:
                return DuckDbType.of(Kind.TIMESTAMP);
        }
    }

    private static DuckDbType child(Field parent, int index) {
        return index < parent.getChildren().size() ? duckDbType(parent.getChildren().get(index), null)
                : DuckDbType.unknown();
    }

    private static List<DuckDbType.Field> members(Field parent) {
        List<DuckDbType.Field> out = new ArrayList<>();
        for (Field child : parent.getChildren()) {
            out.add(new DuckDbType.Field(child.getName(), duckDbType(child, null)));
        }
        return out;
    }
}
