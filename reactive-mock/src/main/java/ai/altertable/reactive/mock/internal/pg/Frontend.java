package ai.altertable.reactive.mock.internal.pg;

import io.netty.buffer.ByteBuf;

/**
 * The extended-query messages a client sends (PostgreSQL protocol 3.0 "Message Formats"), read from a frame's body on
 * the event loop into values the session's worker handles. A malformed body is an {@link IllegalArgumentException}.
 */
final class Frontend {

    private Frontend() {
    }

    /** One extended-query message. */
    sealed interface Message permits Parse, Bind, Describe, Execute, Close {
    }

    /** Parse: a statement name ("" unnamed), its SQL, and the parameter type OIDs the client names (0: unspecified). */
    record Parse(String name, String sql, int[] oids) implements Message {
    }

    /**
     * Bind: a portal ("" unnamed) of a statement, the parameters' format codes and values (null: SQL NULL), and the
     * result columns' format codes (0 text, 1 binary; none: all text; one: for every column).
     */
    record Bind(String portal, String statement, short[] formats, byte[][] values, short[] resultFormats)
            implements Message {
    }

    /** Describe of a statement ({@code 'S'}) or a portal ({@code 'P'}). */
    record Describe(char kind, String name) implements Message {
    }

    /** Execute a portal, returning at most {@code maxRows} rows (0: all). */
    record Execute(String portal, int maxRows) implements Message {
    }

    /** Close a statement ({@code 'S'}) or a portal ({@code 'P'}). */
    record Close(char kind, String name) implements Message {
    }

    /** The message of type {@code type} in {@code body}. */
    static Message read(char type, ByteBuf body) {
        try {
            Message m = switch (type) {
                case 'P' -> parse(body);
                case 'B' -> bind(body);
                case 'D' -> new Describe(kind(body), PgSession.readCString(body));
                case 'E' -> new Execute(PgSession.readCString(body), body.readInt());
                case 'C' -> new Close(kind(body), PgSession.readCString(body));
                default -> throw new IllegalArgumentException("not an extended-query message: " + type);
            };
            if (body.isReadable()) {
                throw new IllegalArgumentException("message '" + type + "' longer than its contents");
            }
            return m;
        } catch (IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("message '" + type + "' shorter than its contents", e);
        }
    }

    private static char kind(ByteBuf body) {
        char k = (char) body.readByte();
        if (k != 'S' && k != 'P') {
            throw new IllegalArgumentException("invalid DESCRIBE/CLOSE message subtype " + (int) k);
        }
        return k;
    }

    private static Parse parse(ByteBuf body) {
        String name = PgSession.readCString(body);
        String sql = PgSession.readCString(body);
        int[] oids = new int[body.readUnsignedShort()];
        for (int i = 0; i < oids.length; i++) {
            oids[i] = body.readInt();
        }
        return new Parse(name, sql, oids);
    }

    private static Bind bind(ByteBuf body) {
        String portal = PgSession.readCString(body);
        String statement = PgSession.readCString(body);
        short[] formats = shorts(body);
        byte[][] values = new byte[body.readUnsignedShort()][];
        for (int i = 0; i < values.length; i++) {
            int length = body.readInt();
            if (length < -1 || length > body.readableBytes()) {
                throw new IllegalArgumentException("invalid parameter length " + length);
            }
            if (length >= 0) {
                values[i] = new byte[length];
                body.readBytes(values[i]);
            }
        }
        return new Bind(portal, statement, formats, values, shorts(body));
    }

    private static short[] shorts(ByteBuf body) {
        short[] s = new short[body.readUnsignedShort()];
        for (int i = 0; i < s.length; i++) {
            s[i] = body.readShort();
            if (s[i] != 0 && s[i] != 1) {
                throw new IllegalArgumentException("invalid format code " + s[i]);
            }
        }
        return s;
    }

    /** The format of value {@code i} of {@code n} under {@code codes}: true for binary. */
    static boolean binary(short[] codes, int i) {
        return codes.length == 1 ? codes[0] == 1 : codes.length > i && codes[i] == 1;
    }
}
