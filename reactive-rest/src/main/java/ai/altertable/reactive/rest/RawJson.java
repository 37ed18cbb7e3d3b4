package ai.altertable.reactive.rest;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A row that is already JSON (one object), sent as is by the append and upload operations, for pipelines that receive
 * JSON and have no reason to parse it.
 *
 * @param bytes the UTF-8 JSON text of one object; not copied, do not modify it afterwards
 */
public record RawJson(byte[] bytes) {

    public RawJson {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length == 0 || firstNonWhitespace(bytes) != '{') {
            throw new IllegalArgumentException("RawJson must hold one JSON object");
        }
    }

    public static RawJson of(String json) {
        return new RawJson(json.getBytes(StandardCharsets.UTF_8));
    }

    private static byte firstNonWhitespace(byte[] b) {
        for (byte x : b) {
            if (x != ' ' && x != '\n' && x != '\r' && x != '\t') {
                return x;
            }
        }
        return 0;
    }

    @Override
    public String toString() {
        return "RawJson[" + bytes.length + " bytes]";
    }
}
