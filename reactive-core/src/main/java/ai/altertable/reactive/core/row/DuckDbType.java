package ai.altertable.reactive.core.row;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed DuckDB type name, such as {@code INTEGER}, {@code DECIMAL(10,2)}, {@code VARCHAR[]},
 * {@code STRUCT(a INTEGER, "b c" VARCHAR)} or {@code TUPLE(INTEGER, VARCHAR)} (an unnamed STRUCT, as DuckDB JDBC names
 * the type of {@code row(1, 'a')}).
 *
 * <p>{@link #parse(String)} never throws: a name it does not recognise gives kind {@link Kind#UNKNOWN} and keeps the
 * original text, and an unknown name nested inside a known one ({@code GEOMETRY[]}) gives an {@code UNKNOWN} element.
 * {@link #kind()} says how a cell of this type is decoded and {@link #javaType()} which Java class
 * {@link Row#get(int)} returns for it.
 *
 * <p>Accessors that do not apply to a kind return {@code null} (types), {@code -1} (numbers) or an empty list.
 * Two types are equal when their canonical names ({@link #toString()}) are equal, so {@code INT} equals
 * {@code INTEGER}; {@link #typeName()} keeps the text as it was received. Instances are immutable and thread-safe.
 */
public final class DuckDbType {

    /** DuckDB's default precision for a bare {@code DECIMAL}. */
    public static final int DEFAULT_DECIMAL_PRECISION = 18;
    /** DuckDB's default scale for a bare {@code DECIMAL}. */
    public static final int DEFAULT_DECIMAL_SCALE = 3;

    private static final DuckDbType NO_TYPE = new DuckDbType(Kind.UNKNOWN, null, "UNKNOWN", Parts.NONE);

    /**
     * The family of a DuckDB type, and the Java class its cells decode to ({@link #javaType()}).
     *
     * <p>Unsigned integers decode to the next wider signed type, 128-bit integers and {@code UBIGINT} to
     * {@link BigInteger}. {@code TIMETZ} decodes to {@link OffsetTime} when the text is parseable and otherwise stays a
     * {@link String}; {@code UNION}, {@code NULL} and {@code UNKNOWN} decode to their natural JSON value.
     */
    public enum Kind {
        BOOLEAN(Boolean.class), TINYINT(Byte.class), SMALLINT(Short.class), INTEGER(Integer.class),
        BIGINT(Long.class), HUGEINT(BigInteger.class), UTINYINT(Short.class), USMALLINT(Integer.class),
        UINTEGER(Long.class), UBIGINT(BigInteger.class), UHUGEINT(BigInteger.class), FLOAT(Float.class),
        DOUBLE(Double.class), DECIMAL(BigDecimal.class), VARCHAR(String.class), UUID(java.util.UUID.class),
        BLOB(byte[].class), BIT(String.class), DATE(LocalDate.class), TIME(LocalTime.class),
        /** A time of day in nanoseconds ({@code TIME_NS}). */
        TIME_NS(LocalTime.class),
        TIMETZ(OffsetTime.class, "TIME WITH TIME ZONE"), TIMESTAMP(LocalDateTime.class),
        TIMESTAMP_S(LocalDateTime.class), TIMESTAMP_MS(LocalDateTime.class), TIMESTAMP_NS(LocalDateTime.class),
        TIMESTAMPTZ(OffsetDateTime.class, "TIMESTAMP WITH TIME ZONE"),
        /** An instant in nanoseconds ({@code TIMESTAMPTZ_NS}). */
        TIMESTAMPTZ_NS(OffsetDateTime.class),
        INTERVAL(Interval.class),
        LIST(List.class), ARRAY(List.class), STRUCT(Map.class), MAP(Map.class), UNION(Object.class),
        ENUM(String.class), JSON(JsonNode.class), VARIANT(JsonNode.class),
        /** DuckDB's {@code "NULL"} type: every cell is SQL {@code NULL}. */
        NULL(Object.class, "\"NULL\""),
        /** No type name was sent, or it was not recognised. */
        UNKNOWN(Object.class);

        private final Class<?> javaType;
        private final String canonicalName;

        Kind(Class<?> javaType) {
            this(javaType, null);
        }

        Kind(Class<?> javaType, String canonicalName) {
            this.javaType = javaType;
            this.canonicalName = canonicalName == null ? name() : canonicalName;
        }

        /** The Java class {@link Row#get(int)} returns for a non-null cell of this kind. */
        public Class<?> javaType() {
            return javaType;
        }

        /** Whether values of this kind contain other values (LIST, ARRAY, STRUCT, MAP, UNION). */
        public boolean isNested() {
            return this == LIST || this == ARRAY || this == STRUCT || this == MAP || this == UNION;
        }

        /** The name DuckDB prints for a type of this kind without parameters. */
        String canonicalName() {
            return canonicalName;
        }
    }

    /**
     * One named member of a {@code STRUCT} or {@code UNION}.
     *
     * @param name the field name as DuckDB spells it (unquoted); never {@code null}, may be empty
     * @param type the field type; never {@code null}
     */
    public record Field(String name, DuckDbType type) {
        /** Checks that neither part is {@code null}. */
        public Field {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }
    }

    private final Kind kind;
    private final String typeName;
    private final String canonical;
    private final Parts parts;

    private DuckDbType(Kind kind, String typeName, String canonical, Parts parts) {
        this.kind = kind;
        this.typeName = typeName;
        this.canonical = canonical;
        this.parts = parts;
    }

    /**
     * Parses a DuckDB type name, case-insensitively and with DuckDB's aliases ({@code INT8}, {@code TEXT},
     * {@code TIMESTAMP WITH TIME ZONE}, ...). Never throws.
     *
     * @param typeName the type name, or {@code null} when the server sent none
     * @return the parsed type; {@link #unknown()} for {@code null}
     */
    public static DuckDbType parse(String typeName) {
        if (typeName == null) {
            return NO_TYPE;
        }
        return TypeNameParser.parse(typeName);
    }

    /** The type of a column whose type name is not known: kind {@link Kind#UNKNOWN}, {@code typeName()} null. */
    public static DuckDbType unknown() {
        return NO_TYPE;
    }

    /**
     * A type without parameters: any kind except the nested ones and ENUM. {@code DECIMAL} gives
     * {@code DECIMAL(18,3)}, DuckDB's default.
     *
     * @throws IllegalArgumentException for LIST, ARRAY, STRUCT, MAP, UNION and ENUM
     */
    public static DuckDbType of(Kind kind) {
        Objects.requireNonNull(kind, "kind");
        if (kind.isNested() || kind == Kind.ENUM) {
            throw new IllegalArgumentException(kind + " needs parameters; use its own factory method");
        }
        if (kind == Kind.UNKNOWN) {
            return NO_TYPE;
        }
        if (kind == Kind.DECIMAL) {
            return decimal(DEFAULT_DECIMAL_PRECISION, DEFAULT_DECIMAL_SCALE);
        }
        return create(kind, null, Parts.NONE);
    }

    /** {@code DECIMAL(precision, scale)}; both are taken as given (DuckDB allows precision 1 to 38). */
    public static DuckDbType decimal(int precision, int scale) {
        if (precision < 1 || scale < 0 || scale > precision) {
            throw new IllegalArgumentException("invalid DECIMAL(" + precision + "," + scale + ")");
        }
        return create(Kind.DECIMAL, null, Parts.decimal(precision, scale));
    }

    /** A variable-length list, {@code element[]}. */
    public static DuckDbType list(DuckDbType element) {
        return create(Kind.LIST, null, Parts.element(Objects.requireNonNull(element, "element"), -1));
    }

    /** A fixed-size array, {@code element[size]}. */
    public static DuckDbType array(DuckDbType element, int size) {
        if (size < 0) {
            throw new IllegalArgumentException("negative ARRAY size " + size);
        }
        return create(Kind.ARRAY, null, Parts.element(Objects.requireNonNull(element, "element"), size));
    }

    /** {@code STRUCT(...)} with the given fields in declaration order (an empty list gives a bare {@code STRUCT}). */
    public static DuckDbType struct(List<Field> fields) {
        return create(Kind.STRUCT, null, Parts.fields(List.copyOf(fields)));
    }

    /**
     * {@code TUPLE(...)}: a STRUCT whose fields have no names, like DuckDB's {@code row(1, 'a')}. Its {@link #fields()}
     * are named by position, {@code "0"}, {@code "1"}, ..., the keys a row gives for its values.
     */
    public static DuckDbType tuple(List<DuckDbType> elements) {
        List<Field> fields = new ArrayList<>(elements.size());
        for (DuckDbType element : elements) {
            fields.add(new Field(Integer.toString(fields.size()), Objects.requireNonNull(element, "element")));
        }
        return create(Kind.STRUCT, null, Parts.tuple(List.copyOf(fields)));
    }

    /** {@code UNION(...)} with the given members. */
    public static DuckDbType union(List<Field> members) {
        return create(Kind.UNION, null, Parts.fields(List.copyOf(members)));
    }

    /** {@code MAP(key, value)}. */
    public static DuckDbType map(DuckDbType key, DuckDbType value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        return create(Kind.MAP, null, Parts.map(key, value));
    }

    /** {@code ENUM('a', 'b', ...)} with the given labels. */
    public static DuckDbType enumOf(List<String> labels) {
        return create(Kind.ENUM, null, Parts.labels(List.copyOf(labels)));
    }

    /** An unrecognised type, keeping {@code text} as its name and its trimmed form as its canonical name. */
    static DuckDbType unrecognised(String text) {
        return new DuckDbType(Kind.UNKNOWN, text, text.trim(), Parts.NONE);
    }

    /** Creates a type; {@code typeName} {@code null} means "same as the canonical name". */
    static DuckDbType create(Kind kind, String typeName, Parts parts) {
        String canonical = CanonicalTypeName.render(kind, parts);
        return new DuckDbType(kind, typeName == null ? canonical : typeName, canonical, parts);
    }

    /** The same type with the text it was parsed from as its {@link #typeName()}. */
    DuckDbType withTypeName(String text) {
        return new DuckDbType(kind, text, canonical, parts);
    }

    /** How cells of this type are decoded. Never {@code null}. */
    public Kind kind() {
        return kind;
    }

    /**
     * The type name as received (for a type built by a factory method, its canonical name); {@code null} for
     * {@link #unknown()}.
     */
    public String typeName() {
        return typeName;
    }

    /** The Java class {@link Row#get(int)} returns for a non-null cell of this type; {@code Object} when unknown. */
    public Class<?> javaType() {
        return kind.javaType();
    }

    /** The element type of a LIST or ARRAY, else {@code null}. An unparameterised {@code LIST} has an unknown element. */
    public DuckDbType elementType() {
        return parts.element;
    }

    /** The size of a fixed ARRAY, else {@code -1}. */
    public int arraySize() {
        return parts.arraySize;
    }

    /** The precision of a DECIMAL, else {@code -1}. */
    public int precision() {
        return parts.precision;
    }

    /** The scale of a DECIMAL, else {@code -1}. */
    public int scale() {
        return parts.scale;
    }

    /**
     * The fields of a STRUCT or the members of a UNION in declaration order; empty for other kinds. Unmodifiable. The
     * fields of a {@link #tuple(List) TUPLE} are named by position: {@code "0"}, {@code "1"}, ...
     */
    public List<Field> fields() {
        return parts.fields;
    }

    /** The key type of a MAP, else {@code null}. */
    public DuckDbType keyType() {
        return parts.key;
    }

    /** The value type of a MAP, else {@code null}. */
    public DuckDbType valueType() {
        return parts.value;
    }

    /** The labels of an ENUM in declaration order; empty for other kinds. Unmodifiable. */
    public List<String> enumValues() {
        return parts.labels;
    }

    /** The canonical DuckDB name, e.g. {@code DECIMAL(10,2)}, {@code INTEGER[]}; the original text when unknown. */
    @Override
    public String toString() {
        return canonical;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DuckDbType)) {
            return false;
        }
        DuckDbType that = (DuckDbType) o;
        return kind == that.kind && canonical.equals(that.canonical);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + canonical.hashCode();
    }

    /** The parameters of a type; only those that apply to its kind are set. */
    static final class Parts {
        static final Parts NONE = new Parts(null, -1, -1, -1, List.of(), null, null, List.of(), false);

        final DuckDbType element;
        final int arraySize;
        final int precision;
        final int scale;
        final List<Field> fields;
        final DuckDbType key;
        final DuckDbType value;
        final List<String> labels;
        /** Whether the fields are unnamed (a TUPLE) and named by position. */
        final boolean tuple;

        private Parts(DuckDbType element, int arraySize, int precision, int scale, List<Field> fields,
                      DuckDbType key, DuckDbType value, List<String> labels, boolean tuple) {
            this.element = element;
            this.arraySize = arraySize;
            this.precision = precision;
            this.scale = scale;
            this.fields = fields;
            this.key = key;
            this.value = value;
            this.labels = labels;
            this.tuple = tuple;
        }

        static Parts decimal(int precision, int scale) {
            return new Parts(null, -1, precision, scale, List.of(), null, null, List.of(), false);
        }

        static Parts element(DuckDbType element, int arraySize) {
            return new Parts(element, arraySize, -1, -1, List.of(), null, null, List.of(), false);
        }

        static Parts fields(List<Field> fields) {
            return new Parts(null, -1, -1, -1, fields, null, null, List.of(), false);
        }

        static Parts tuple(List<Field> fields) {
            return new Parts(null, -1, -1, -1, fields, null, null, List.of(), true);
        }

        static Parts map(DuckDbType key, DuckDbType value) {
            return new Parts(null, -1, -1, -1, List.of(), key, value, List.of(), false);
        }

        static Parts labels(List<String> labels) {
            return new Parts(null, -1, -1, -1, List.of(), null, null, labels, false);
        }
    }
}
