package ai.altertable.reactive.mock.internal.pg;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Encoders of the backend messages this server sends (PostgreSQL protocol 3.0 "Message Formats"): a type byte, an
 * Int32 length that counts itself and the body, then the body. Each method appends one message to {@code out}.
 */
final class Backend {

    static final int AUTH_OK = 0;
    static final int AUTH_CLEARTEXT = 3;
    static final int AUTH_SASL = 10;
    static final int AUTH_SASL_CONTINUE = 11;
    static final int AUTH_SASL_FINAL = 12;

    private Backend() {
    }

    /** Starts a message: the type byte and a length placeholder; returns where the length goes. */
    static int begin(ByteBuf out, char type) {
        out.writeByte(type);
        int at = out.writerIndex();
        out.writeInt(0);
        return at;
    }

    static void end(ByteBuf out, int lengthAt) {
        out.setInt(lengthAt, out.writerIndex() - lengthAt);
    }

    static void cString(ByteBuf out, String s) {
        out.writeCharSequence(s, StandardCharsets.UTF_8);
        out.writeByte(0);
    }

    static void authentication(ByteBuf out, int code, byte[] data) {
        int at = begin(out, 'R');
        out.writeInt(code);
        if (data != null) {
            out.writeBytes(data);
        }
        end(out, at);
    }

    /** AuthenticationSASL with the one mechanism offered. */
    static void authenticationSasl(ByteBuf out, String mechanism) {
        int at = begin(out, 'R');
        out.writeInt(AUTH_SASL);
        cString(out, mechanism);
        out.writeByte(0);
        end(out, at);
    }

    static void parameterStatus(ByteBuf out, String name, String value) {
        int at = begin(out, 'S');
        cString(out, name);
        cString(out, value);
        end(out, at);
    }

    static void backendKeyData(ByteBuf out, int processId, int secret) {
        int at = begin(out, 'K');
        out.writeInt(processId);
        out.writeInt(secret);
        end(out, at);
    }

    static void readyForQuery(ByteBuf out, TxStatus status) {
        int at = begin(out, 'Z');
        out.writeByte(status.code);
        end(out, at);
    }

    /** NegotiateProtocolVersion: the newest minor version supported and the protocol options not recognized. */
    static void negotiateProtocolVersion(ByteBuf out, int minor, List<String> unrecognized) {
        int at = begin(out, 'v');
        out.writeInt(minor);
        out.writeInt(unrecognized.size());
        unrecognized.forEach(o -> cString(out, o));
        end(out, at);
    }

    /** RowDescription, every column in text format (a simple Query's results). */
    static void rowDescription(ByteBuf out, List<String> names, List<PgType> types) {
        rowDescription(out, names, types, null);
    }

    /** RowDescription; {@code binary} says which columns are sent in binary format (null: all in text). */
    static void rowDescription(ByteBuf out, List<String> names, List<PgType> types, boolean[] binary) {
        int at = begin(out, 'T');
        out.writeShort(names.size());
        for (int i = 0; i < names.size(); i++) {
            PgType t = types.get(i);
            cString(out, names.get(i));
            out.writeInt(0); // not a table column this server can name
            out.writeShort(0);
            out.writeInt(t.oid);
            out.writeShort(t.size);
            out.writeInt(-1); // no type modifier
            out.writeShort(binary != null && binary[i] ? 1 : 0);
        }
        end(out, at);
    }

    /** ParameterDescription: the type OID of each parameter of a prepared statement. */
    static void parameterDescription(ByteBuf out, int[] oids) {
        int at = begin(out, 't');
        out.writeShort(oids.length);
        for (int oid : oids) {
            out.writeInt(oid);
        }
        end(out, at);
    }

    /**
     * A message without a body: ParseComplete '1', BindComplete '2', CloseComplete '3', NoData 'n', PortalSuspended
     * 's'.
     */
    static void empty(ByteBuf out, char type) {
        end(out, begin(out, type));
    }

    /** DataRow in text format; a null value is length -1. */
    static void dataRow(ByteBuf out, String[] values) {
        int at = begin(out, 'D');
        out.writeShort(values.length);
        for (String v : values) {
            if (v == null) {
                out.writeInt(-1);
            } else {
                int lenAt = out.writerIndex();
                out.writeInt(0);
                out.setInt(lenAt, out.writeCharSequence(v, StandardCharsets.UTF_8));
            }
        }
        end(out, at);
    }

    static void commandComplete(ByteBuf out, String tag) {
        int at = begin(out, 'C');
        cString(out, tag);
        end(out, at);
    }

    static void emptyQueryResponse(ByteBuf out) {
        end(out, begin(out, 'I'));
    }

    /** ErrorResponse with severity (localized and not), SQLSTATE and message. */
    static void errorResponse(ByteBuf out, PgError error) {
        int at = begin(out, 'E');
        out.writeByte('S');
        cString(out, error.severity());
        out.writeByte('V');
        cString(out, error.severity());
        out.writeByte('C');
        cString(out, error.sqlState());
        out.writeByte('M');
        cString(out, error.message());
        out.writeByte(0);
        end(out, at);
    }

    /** One message in a buffer of its own. */
    static ByteBuf one(ByteBufAllocator alloc, java.util.function.Consumer<ByteBuf> message) {
        ByteBuf out = alloc.buffer();
        try {
            message.accept(out);
            return out;
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }
}
