package ai.altertable.reactive.core.row;

import ai.altertable.reactive.core.row.DuckDbType.Field;
import ai.altertable.reactive.core.row.DuckDbType.Kind;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A recursive-descent parser for DuckDB type names. It accepts DuckDB's aliases case-insensitively, parameterised and
 * nested types, DuckDB JDBC's {@code TUPLE(INTEGER, VARCHAR)} for unnamed structs, quoted struct field names
 * ({@code "b ""c"""}) and quoted enum labels ({@code 'b''c'}). A name it does not know becomes an {@code UNKNOWN} leaf;
 * text it cannot read at all makes the whole type {@code UNKNOWN}. One instance parses one string and is not shared.
 */
final class TypeNameParser {

    private static final int MAX_DEPTH = 64;

    private final String src;
    private int pos;
    private int depth;

    private TypeNameParser(String src) {
        this.src = src;
    }

    static DuckDbType parse(String text) {
        String trimmed = text.trim();
        try {
            TypeNameParser parser = new TypeNameParser(trimmed);
            DuckDbType type = parser.type();
            parser.skipSpace();
            if (parser.pos != trimmed.length()) {
                throw new Malformed();
            }
            return type.withTypeName(text);
        } catch (Malformed | IllegalArgumentException e) {
            return DuckDbType.unrecognised(text);
        }
    }

    private DuckDbType type() {
        if (++depth > MAX_DEPTH) {
            throw new Malformed();
        }
        skipSpace();
        int start = pos;
        DuckDbType type = base();
        while (true) {
            skipSpace();
            if (!accept('[')) {
                break;
            }
            skipSpace();
            if (pos < src.length() && Character.isDigit(src.charAt(pos))) {
                int size = integer();
                expect(']');
                type = DuckDbType.array(type, size);
            } else {
                expect(']');
                type = DuckDbType.list(type);
            }
            type = type.withTypeName(src.substring(start, pos));
        }
        depth--;
        return type;
    }

    private DuckDbType base() {
        int start = pos;
        DuckDbType type;
        if (peek('"')) {
            String name = quoted('"');
            type = name.equalsIgnoreCase("NULL") ? DuckDbType.of(Kind.NULL) : unknownLeaf(start);
        } else {
            type = named(upper(word()), start);
        }
        return type.kind() == Kind.UNKNOWN ? type : type.withTypeName(src.substring(start, pos).trim());
    }

    private DuckDbType named(String word, int start) {
        switch (word) {
            case "DECIMAL":
            case "NUMERIC":
                return decimal();
            case "LIST":
                return peekParen() ? DuckDbType.list(single()) : DuckDbType.list(DuckDbType.unknown());
            case "STRUCT":
            case "ROW":
                return DuckDbType.struct(peekParen() ? fields() : List.of());
            case "TUPLE":
                return DuckDbType.tuple(peekParen() ? elements() : List.of());
            case "UNION":
                return DuckDbType.union(peekParen() ? fields() : List.of());
            case "MAP":
                return peekParen() ? keyValue() : DuckDbType.map(DuckDbType.unknown(), DuckDbType.unknown());
            case "ENUM":
                return DuckDbType.enumOf(peekParen() ? labels() : List.of());
            default:
                return scalar(multiWord(word), start);
        }
    }

    private DuckDbType scalar(String word, int start) {
        Kind kind = TypeNameAliases.kindOf(word);
        if (kind == null) {
            return unknownLeaf(start);
        }
        if (peekParen()) {
            skipArguments(); // VARCHAR(10), CHAR(3): the length does not change decoding
        }
        return DuckDbType.of(kind);
    }

    /** Joins the words of {@code TIMESTAMP WITH TIME ZONE}, {@code DOUBLE PRECISION} and {@code CHARACTER VARYING}. */
    private String multiWord(String word) {
        if (word.equals("TIMESTAMP") || word.equals("TIME")) {
            if (followedBy("WITH", "TIME", "ZONE")) {
                return word + " WITH TIME ZONE";
            }
            followedBy("WITHOUT", "TIME", "ZONE");
        } else if (word.equals("DOUBLE")) {
            followedBy("PRECISION");
        } else if (word.equals("CHARACTER")) {
            followedBy("VARYING");
        }
        return word;
    }

    private boolean followedBy(String... words) {
        int saved = pos;
        for (String expected : words) {
            skipSpace();
            int wordStart = pos;
            if (wordStart == src.length() || !isWordChar(src.charAt(wordStart)) || !upper(word()).equals(expected)) {
                pos = saved;
                return false;
            }
        }
        return true;
    }

    private DuckDbType unknownLeaf(int start) {
        if (peekParen()) {
            skipArguments();
        }
        return DuckDbType.unrecognised(src.substring(start, pos).trim());
    }

    private DuckDbType decimal() {
        if (!peekParen()) {
            return DuckDbType.decimal(DuckDbType.DEFAULT_DECIMAL_PRECISION, DuckDbType.DEFAULT_DECIMAL_SCALE);
        }
        expect('(');
        int precision = integer();
        int scale = 0;
        if (accept(',')) {
            scale = integer();
        }
        expect(')');
        return DuckDbType.decimal(precision, scale);
    }

    private DuckDbType single() {
        expect('(');
        DuckDbType element = type();
        expect(')');
        return element;
    }

    private DuckDbType keyValue() {
        expect('(');
        DuckDbType key = type();
        expect(',');
        DuckDbType value = type();
        expect(')');
        return DuckDbType.map(key, value);
    }

    private List<Field> fields() {
        expect('(');
        List<Field> fields = new ArrayList<>();
        if (accept(')')) {
            return fields;
        }
        do {
            skipSpace();
            String name = peek('"') ? quoted('"') : bareFieldName();
            fields.add(new Field(name, type()));
        } while (accept(','));
        expect(')');
        return fields;
    }

    /** The unnamed members of a {@code TUPLE(INTEGER, VARCHAR)}. */
    private List<DuckDbType> elements() {
        expect('(');
        List<DuckDbType> elements = new ArrayList<>();
        if (accept(')')) {
            return elements;
        }
        do {
            elements.add(type());
        } while (accept(','));
        expect(')');
        return elements;
    }

    private List<String> labels() {
        expect('(');
        List<String> labels = new ArrayList<>();
        if (accept(')')) {
            return labels;
        }
        do {
            skipSpace();
            labels.add(quoted('\''));
        } while (accept(','));
        expect(')');
        return labels;
    }

    /** Skips a balanced parenthesised argument list whose content does not matter, respecting quotes. */
    private void skipArguments() {
        int level = 0;
        do {
            if (pos >= src.length()) {
                throw new Malformed();
            }
            char c = src.charAt(pos);
            if (c == '"' || c == '\'') {
                quoted(c);
                continue;
            }
            level += c == '(' ? 1 : c == ')' ? -1 : 0;
            pos++;
        } while (level > 0);
    }

    /** Reads a quoted token whose quote character is doubled inside, returning the unquoted text. */
    private String quoted(char quote) {
        expectChar(quote);
        StringBuilder sb = new StringBuilder();
        while (pos < src.length()) {
            char c = src.charAt(pos++);
            if (c != quote) {
                sb.append(c);
            } else if (pos < src.length() && src.charAt(pos) == quote) {
                sb.append(quote);
                pos++;
            } else {
                return sb.toString();
            }
        }
        throw new Malformed();
    }

    private String word() {
        int start = pos;
        while (pos < src.length() && isWordChar(src.charAt(pos))) {
            pos++;
        }
        if (pos == start) {
            throw new Malformed();
        }
        return src.substring(start, pos);
    }

    private String bareFieldName() {
        int start = pos;
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (Character.isWhitespace(c) || c == '(' || c == ')' || c == ',' || c == '"' || c == '[') {
                break;
            }
            pos++;
        }
        if (pos == start) {
            throw new Malformed();
        }
        return src.substring(start, pos);
    }

    private int integer() {
        skipSpace();
        int start = pos;
        while (pos < src.length() && Character.isDigit(src.charAt(pos)) && pos - start < 9) {
            pos++;
        }
        if (pos == start) {
            throw new Malformed();
        }
        return Integer.parseInt(src.substring(start, pos));
    }

    private static boolean isWordChar(char c) {
        return c == '_' || (c < 128 && Character.isLetterOrDigit(c));
    }

    private boolean peekParen() {
        skipSpace();
        return peek('(');
    }

    private boolean peek(char c) {
        return pos < src.length() && src.charAt(pos) == c;
    }

    private boolean accept(char c) {
        skipSpace();
        if (peek(c)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!accept(c)) {
            throw new Malformed();
        }
    }

    private void expectChar(char c) {
        if (!peek(c)) {
            throw new Malformed();
        }
        pos++;
    }

    private void skipSpace() {
        while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
            pos++;
        }
    }

    private static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }

    /** Thrown inside the parser for unreadable text; never escapes {@link #parse(String)}. */
    private static final class Malformed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Malformed() {
            super(null, null, false, false);
        }
    }
}
