package ai.altertable.reactive.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * The {@code compute_size} of a query (protocol §10): the size of the worker that runs it.
 *
 * <p>Who accepts what:
 * <ul>
 *   <li><b>REST, client spec:</b> the enum is {@code XS, S, M, L, XL} only ({@link #inRestSpec()}).</li>
 *   <li><b>REST, official mock:</b> any string is accepted and ignored.</li>
 *   <li><b>Flight SQL, official mock:</b> {@code XS S M L XL 2XL 3XL 4XL}, with aliases {@code XXL XXXL XXXXL}, matched
 *       case-insensitively (default {@code L}); {@code AUTO} and anything else are rejected.</li>
 *   <li>{@link #AUTO}: sent by the official Java and Go SDKs; the Go SDK refuses it together with a {@code session_id}
 *       (a hint of a production rule, not verified).</li>
 * </ul>
 *
 * <p>{@link #parse(String)} is strict (for configuration and for the Flight side); {@link #fromWire(String)}, used by
 * Jackson, never fails and maps an unrecognised string to {@link #UNKNOWN}, which request builders refuse to send.
 */
public enum ComputeSize {
    /** Extra small. */
    XS("XS", null),
    /** Small. */
    S("S", null),
    /** Medium. */
    M("M", null),
    /** Large (the Flight mock's default). */
    L("L", null),
    /** Extra large; the largest size of the REST spec. */
    XL("XL", null),
    /** {@code 2XL}, alias {@code XXL}; Flight only. */
    XXL("2XL", "XXL"),
    /** {@code 3XL}, alias {@code XXXL}; Flight only. */
    XXXL("3XL", "XXXL"),
    /** {@code 4XL}, alias {@code XXXXL}; Flight only. */
    XXXXL("4XL", "XXXXL"),
    /** Let the server choose; official SDK extension, rejected by the Flight mock. */
    AUTO("AUTO", null),
    /** A size string this client does not know; never sent. */
    UNKNOWN("UNKNOWN", null);

    private final String wire;
    private final String alias;

    ComputeSize(String wire, String alias) {
        this.wire = wire;
        this.alias = alias;
    }

    /** The canonical string on the wire, e.g. {@code "XL"} or {@code "2XL"}. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** Whether the REST client spec's enum ({@code XS}–{@code XL}) contains this size. */
    public boolean inRestSpec() {
        return ordinal() <= XL.ordinal();
    }

    /**
     * Strict parsing: a wire name or alias, case-insensitive, without surrounding whitespace.
     *
     * @throws IllegalArgumentException for {@code null}, a blank string, {@code UNKNOWN} or any other string
     */
    public static ComputeSize parse(String value) {
        ComputeSize size = match(value);
        if (size == null) {
            throw new IllegalArgumentException("unknown compute size '" + value
                    + "', expected one of XS, S, M, L, XL, 2XL (XXL), 3XL (XXXL), 4XL (XXXXL), AUTO");
        }
        return size;
    }

    /** Lenient decoding as {@link #parse(String)}, but an unrecognised string gives {@link #UNKNOWN}; null stays null. */
    @JsonCreator
    public static ComputeSize fromWire(String value) {
        if (value == null) {
            return null;
        }
        ComputeSize size = match(value);
        return size == null ? UNKNOWN : size;
    }

    private static ComputeSize match(String value) {
        if (value == null) {
            return null;
        }
        String v = value.toUpperCase(Locale.ROOT);
        for (ComputeSize s : values()) {
            if (s != UNKNOWN && (s.wire.equals(v) || v.equals(s.alias))) {
                return s;
            }
        }
        return null;
    }
}
