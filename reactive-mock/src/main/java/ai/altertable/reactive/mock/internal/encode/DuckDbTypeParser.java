package ai.altertable.reactive.mock.internal.encode;

import ai.altertable.reactive.mock.internal.encode.DuckDbType.Kind;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses the type names DuckDB JDBC 2.0.0.1 reports through {@code ResultSetMetaData.getColumnTypeName}, for example
 * {@code INTEGER}, {@code DECIMAL(18,3)}, {@code TIMESTAMP WITH TIME ZONE}, {@code "NULL"[]}, {@code INTEGER[3]},
 * {@code STRUCT("my field" INTEGER, b VARCHAR[])[]}, {@code MAP(VARCHAR, INTEGER[])},
 * {@code UNION(num INTEGER, str VARCHAR)}, {@code TUPLE(INTEGER, VARCHAR)} or {@code ENUM('sad', 'ok')[]}.
 *
 * <p>Observed spellings (DuckDB JDBC 2.0.0.1): a top-level ENUM column is just {@code ENUM}, a nested one lists its
 * labels; TIMETZ is {@code TIME WITH TIME ZONE}; TIMESTAMPTZ is {@code TIMESTAMP WITH TIME ZONE}; the NS variant of
 * TIMESTAMPTZ is {@code TIMESTAMPTZ_NS}; {@code SELECT NULL} is {@code "NULL"}; {@code row(1, 'a')} is
 * {@code TUPLE(INTEGER, VARCHAR)}; an empty struct is {@code STRUCT}. Unknown names parse to {@link Kind#OTHER}.
 *
 * <p>Not thread-safe (it keeps a cursor); use one instance per name, through {@link #parse(String)}.
 */
final class DuckDbTypeParser {

    private static final Map<String, Kind> NAMES = Map.ofEntries(
            Map.entry("NULL", Kind.SQL_NULL),
            Map.entry("BOOLEAN", Kind.BOOLEAN), Map.entry("BOOL", Kind.BOOLEAN),
            Map.entry("TINYINT", Kind.TINYINT), Map.entry("INT1", Kind.TINYINT),
            Map.entry("SMALLINT", Kind.SMALLINT), Map.entry("INT2", Kind.SMALLINT),
            Map.entry("INTEGER", Kind.INTEGER), Map.entry("INT", Kind.INTEGER), Map.entry("INT4", Kind.INTEGER),
            Map.entry("BIGINT", Kind.BIGINT), Map.entry("INT8", Kind.BIGINT),
            Map.entry("UTINYINT", Kind.UTINYINT), Map.entry("USMALLINT", Kind.USMALLINT),
            Map.entry("UINTEGER", Kind.UINTEGER), Map.entry("UBIGINT", Kind.UBIGINT),
            Map.entry("HUGEINT", Kind.HUGEINT), Map.entry("INT128", Kind.HUGEINT),
            Map.entry("UHUGEINT", Kind.UHUGEINT), Map.entry("UINT128", Kind.UHUGEINT),
            Map.entry("DECIMAL", Kind.DECIMAL), Map.entry("NUMERIC", Kind.DECIMAL),
            Map.entry("FLOAT", Kind.FLOAT), Map.entry("FLOAT4", Kind.FLOAT), Map.entry("REAL", Kind.FLOAT),
            Map.entry("DOUBLE", Kind.DOUBLE), Map.entry("FLOAT8", Kind.DOUBLE),
            Map.entry("VARCHAR", Kind.VARCHAR), Map.entry("TEXT", Kind.VARCHAR), Map.entry("STRING", Kind.VARCHAR),
            Map.entry("UUID", Kind.UUID), Map.entry("ENUM", Kind.ENUM),
            Map.entry("BLOB", Kind.BLOB), Map.entry("BYTEA", Kind.BLOB), Map.entry("VARBINARY", Kind.BLOB),
            Map.entry("BIT", Kind.BIT), Map.entry("BITSTRING", Kind.BIT),
            Map.entry("DATE", Kind.DATE), Map.entry("TIME", Kind.TIME), Map.entry("TIME_NS", Kind.TIME_NS),
            Map.entry("TIME WITH TIME ZONE", Kind.TIMETZ), Map.entry("TIMETZ", Kind.TIMETZ),
            Map.entry("TIMESTAMP", Kind.TIMESTAMP), Map.entry("DATETIME", Kind.TIMESTAMP),
            Map.entry("TIMESTAMP_S", Kind.TIMESTAMP_S), Map.entry("TIMESTAMP_MS", Kind.TIMESTAMP_MS),
            Map.entry("TIMESTAMP_NS", Kind.TIMESTAMP_NS),
            Map.entry("TIMESTAMP WITH TIME ZONE", Kind.TIMESTAMPTZ), Map.entry("TIMESTAMPTZ", Kind.TIMESTAMPTZ),
            Map.entry("TIMESTAMPTZ_NS", Kind.TIMESTAMPTZ_NS), Map.entry("TIMESTAMP_TZ_NS", Kind.TIMESTAMPTZ_NS),
            Map.entry("INTERVAL", Kind.INTERVAL), Map.entry("JSON", Kind.JSON), Map.entry("VARIANT", Kind.VARIANT),
            Map.entry("STRUCT", Kind.STRUCT), Map.entry("ROW", Kind.STRUCT), Map.entry("TUPLE", Kind.STRUCT),
            Map.entry("MAP", Kind.MAP), Map.entry("UNION", Kind.UNION), Map.entry("LIST", Kind.LIST));

    private final String text;
    private int pos;

    private DuckDbTypeParser(String text) {
        this.text = text;
    }

    /**
     * Parses one type name.
     *
     * @throws IllegalArgumentException if the name is not well formed
     */
    static DuckDbType parse(String typeName) {
        DuckDbTypeParser parser = new DuckDbTypeParser(typeName);
        DuckDbType type = parser.type();
        parser.skipSpaces();
        if (parser.pos != typeName.length()) {
            throw parser.error("unexpected text");
        }
        return type;
    }

    private DuckDbType type() {
        int start = pos;
        String base = baseName();
        Kind kind = NAMES.getOrDefault(base, Kind.OTHER);
        DuckDbType type = DuckDbType.scalar(kind, base);
        skipSpaces();
        if (peek() == '(') {
            pos++;
            DuckDbType parsed = arguments(kind, base);
            expect(')');
            type = new DuckDbType(kind, text.substring(start, pos).trim(), parsed.children(), parsed.fieldNames(),
                    parsed.precision(), parsed.scale());
        }
        skipSpaces();
        while (peek() == '[') {
            pos++;
            skipSpaces();
            boolean fixed = Character.isDigit(peek());
            while (Character.isDigit(peek())) {
                pos++;
            }
            expect(']');
            String name = text.substring(start, pos).trim();
            type = new DuckDbType(fixed ? Kind.ARRAY : Kind.LIST, name, List.of(type), List.of(), 0, 0);
            skipSpaces();
        }
        return type;
    }

    /** One or more words ({@code TIMESTAMP WITH TIME ZONE}) or one quoted identifier ({@code "NULL"}), uppercased. */
    private String baseName() {
        skipSpaces();
        if (peek() == '"') {
            return quoted('"').toUpperCase(Locale.ROOT);
        }
        StringBuilder name = new StringBuilder();
        while (isWordStart(peek())) {
            if (name.length() > 0) {
                name.append(' ');
            }
            name.append(word());
            skipSpaces();
        }
        if (name.length() == 0) {
            throw error("expected a type name");
        }
        return name.toString().toUpperCase(Locale.ROOT);
    }

    private DuckDbType arguments(Kind kind, String base) {
        switch (kind) {
            case DECIMAL: {
                int precision = integer();
                expect(',');
                int scale = integer();
                return DuckDbType.decimal(base, precision, scale);
            }
            case MAP: {
                DuckDbType key = type();
                expect(',');
                DuckDbType value = type();
                return new DuckDbType(Kind.MAP, "MAP", List.of(key, value), List.of(), 0, 0);
            }
            case STRUCT:
            case UNION:
                return fields(kind, base);
            default:
                skipBalanced();
                return DuckDbType.scalar(kind, base);
        }
    }

    /** {@code name type, ...} for STRUCT and UNION; bare {@code type, ...} for TUPLE (names are then positional). */
    private DuckDbType fields(Kind kind, String base) {
        List<DuckDbType> children = new ArrayList<>();
        List<String> names = new ArrayList<>();
        boolean tuple = base.equals("TUPLE");
        while (true) {
            skipSpaces();
            if (tuple) {
                names.add("element" + (children.size() + 1));
            } else {
                names.add(peek() == '"' ? quoted('"') : word());
            }
            children.add(type());
            skipSpaces();
            if (peek() != ',') {
                break;
            }
            pos++;
        }
        return new DuckDbType(kind, base, children, names, 0, 0);
    }

    /** Skips the arguments of a type whose arguments do not matter here, e.g. the labels of ENUM('a', 'b'). */
    private void skipBalanced() {
        int depth = 0;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\'' || c == '"') {
                quoted(c);
                continue;
            }
            if (c == ')' && depth == 0) {
                return;
            }
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            pos++;
        }
    }

    private String quoted(char quote) {
        StringBuilder out = new StringBuilder();
        pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == quote) {
                if (peek() != quote) {
                    return out.toString();
                }
                pos++;
            }
            out.append(c);
        }
        throw error("unterminated quote");
    }

    private String word() {
        int start = pos;
        while (isWordStart(peek()) || Character.isDigit(peek())) {
            pos++;
        }
        if (start == pos) {
            throw error("expected a name");
        }
        return text.substring(start, pos);
    }

    private int integer() {
        skipSpaces();
        int start = pos;
        while (Character.isDigit(peek())) {
            pos++;
        }
        if (start == pos) {
            throw error("expected a number");
        }
        int value = Integer.parseInt(text, start, pos, 10);
        skipSpaces();
        return value;
    }

    private static boolean isWordStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private void expect(char c) {
        skipSpaces();
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private void skipSpaces() {
        while (pos < text.length() && text.charAt(pos) == ' ') {
            pos++;
        }
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("cannot parse DuckDB type '" + text + "' at " + pos + ": " + what);
    }
}
