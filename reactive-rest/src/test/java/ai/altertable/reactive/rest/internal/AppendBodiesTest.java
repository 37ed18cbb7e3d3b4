package ai.altertable.reactive.rest.internal;

import ai.altertable.reactive.core.SerializationException;
import ai.altertable.reactive.rest.RawJson;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AppendBodiesTest {

    record Event(long id, String service, double ms, boolean ok, String note, Instant at, BigDecimal price) {
    }

    /** A bean Jackson cannot serialize (no properties). */
    static final class Opaque {
    }

    private static List<Object> rows(int n) {
        List<Object> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            switch (i % 5) {
                case 0 -> rows.add(new Event(i, "svc-" + i, i * 0.5, i % 2 == 0, i % 3 == 0 ? null : "é\u001f\"",
                        Instant.ofEpochSecond(1_700_000_000L + i), new BigDecimal("1.50")));
                case 1 -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", i);
                    m.put("nested", Map.of("a", List.of(1, 2)));
                    rows.add(m);
                }
                case 2 -> rows.add(RawJson.of("{\"raw\":" + i + "}"));
                case 3 -> rows.add(JsonNodeFactory.instance.objectNode().put("node", i).put("big", "x".repeat(i % 97)));
                default -> rows.add(new Event(i, "x".repeat(3000 + i % 7000), 1e300, false, null, Instant.EPOCH,
                        BigDecimal.TEN)); // rows of 3 to 10 KB: larger than Jackson's buffer, they move arrays
            }
        }
        return rows;
    }

    private static String bodyOf(List<Object> encoded) {
        long bytes = encoded.stream().mapToLong(AppendBodies::size).sum();
        ByteBuf body = AppendBodies.body(encoded, bytes, ByteBufAllocator.DEFAULT);
        try {
            assertThat(body.isDirect()).isTrue();
            assertThat(body.readableBytes()).as("sized exactly").isEqualTo(bytes + 1);
            return body.toString(StandardCharsets.UTF_8);
        } finally {
            body.release();
        }
    }

    private static String expected(List<Object> rows) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < rows.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(new String(RowEncoding.json(rows.get(i)), StandardCharsets.UTF_8));
        }
        return sb.append(']').toString();
    }

    @Test
    void rowsEncodeToTheBytesOfRowEncodingAndBodiesJoinThem() {
        List<Object> rows = rows(2_000);
        RowEncoder encoder = new RowEncoder();
        List<Object> encoded = new ArrayList<>();
        rows.forEach(r -> encoded.add(encoder.encode(r)));
        for (int i = 0; i < rows.size(); i++) {
            Object e = encoded.get(i);
            byte[] bytes = e instanceof JsonRow j ? java.util.Arrays.copyOfRange(j.array(), j.offset(),
                    j.offset() + j.length()) : (byte[]) e;
            assertThat(bytes).as("row %d", i).isEqualTo(RowEncoding.json(rows.get(i)));
        }
        assertThat(bodyOf(encoded)).isEqualTo(expected(rows));
        // any cut of the rows into batches gives the bodies of those rows
        assertThat(bodyOf(encoded.subList(1, 2))).isEqualTo(expected(rows.subList(1, 2)));
        assertThat(bodyOf(encoded.subList(7, 1_303))).isEqualTo(expected(rows.subList(7, 1_303)));
        assertThat(encoded.get(2)).as("RawJson rows are their own bytes").isSameAs(((RawJson) rows.get(2)).bytes());
    }

    @Test
    void aRowThatEndsItsArrayHasNoCommaAfterItAndTheNextStartsANewArray() {
        RowEncoder encoder = new RowEncoder();
        List<Object> rows = new ArrayList<>();
        List<Object> encoded = new ArrayList<>();
        JsonRow last = null;
        // the first array holds 8 KiB
        rows.add(Map.of("pad", "y".repeat(8192 - 2 - 10)));  // {"pad":"…"} is 8190 bytes, its comma the 8191st
        rows.add(Map.of("k", "v"));                          // 9 bytes: does not fit in the one byte left
        for (Object r : rows) {
            Object e = encoder.encode(r);
            encoded.add(e);
            last = (JsonRow) e;
        }
        JsonRow first = (JsonRow) encoded.get(0);
        assertThat(first.commaAfter()).isTrue();
        assertThat(last.array()).isNotSameAs(first.array());
        assertThat(first.continuedBy(last)).isFalse();
        assertThat(bodyOf(encoded)).isEqualTo(expected(rows));

        RowEncoder exact = new RowEncoder();
        JsonRow full = (JsonRow) exact.encode(Map.of("pad", "y".repeat(8192 - 10))); // exactly 8192 bytes
        assertThat(full.commaAfter()).as("no room for a comma").isFalse();
        JsonRow next = (JsonRow) exact.encode(Map.of("k", "v"));
        assertThat(full.continuedBy(next)).isFalse();
        assertThat(bodyOf(List.of(full, next))).isEqualTo(expected(List.of(Map.of("pad", "y".repeat(8192 - 10)),
                Map.of("k", "v"))));
    }

    @Test
    void aRowThatIsNotAnObjectOrCannotBeEncodedFails() {
        assertThatThrownBy(() -> new RowEncoder().encode(List.of(1, 2)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("must encode to a JSON object");
        assertThatThrownBy(() -> new RowEncoder().encode("text"))
                .isInstanceOf(SerializationException.class).hasMessageContaining("must encode to a JSON object");
        assertThatThrownBy(() -> new RowEncoder().encode(new Opaque()))
                .isInstanceOf(SerializationException.class).hasMessageContaining("cannot encode a Opaque row");
    }

    @Test
    void byteArrayRowsOfTheSharedAppenderMakeTheSameBody() {
        List<Object> rows = List.of(Map.of("a", 1), Map.of("b", "two"), RawJson.of("{\"c\":3}"));
        List<Object> encoded = new ArrayList<>();
        rows.forEach(r -> encoded.add(RowEncoding.json(r)));
        assertThat(bodyOf(encoded)).isEqualTo("[{\"a\":1},{\"b\":\"two\"},{\"c\":3}]");
    }
}
