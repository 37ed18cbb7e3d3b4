package ai.altertable.reactive.kafka.connect.internal;

import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordRowsTest {

    private static SinkRecord record(Schema schema, Object value) {
        return new SinkRecord("orders", 3, null, null, schema, value, 42L);
    }

    @Test
    void structFieldsInSchemaOrderWithLogicalTypes() {
        Schema address = SchemaBuilder.struct().field("city", Schema.STRING_SCHEMA).build();
        Schema schema = SchemaBuilder.struct()
                .field("id", Schema.INT64_SCHEMA)
                .field("amount", Decimal.schema(2))
                .field("day", Date.SCHEMA)
                .field("at", Time.SCHEMA)
                .field("ts", Timestamp.SCHEMA)
                .field("note", Schema.OPTIONAL_STRING_SCHEMA)
                .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
                .field("address", address)
                .field("raw", Schema.BYTES_SCHEMA)
                .build();
        Instant ts = Instant.parse("2026-12-06T10:15:30.250Z");
        Struct value = new Struct(schema)
                .put("id", 7L)
                .put("amount", new BigDecimal("12.30"))
                .put("day", java.util.Date.from(Instant.parse("2026-12-06T00:00:00Z")))
                .put("at", new java.util.Date(((10 * 60 + 15) * 60 + 30) * 1000L + 250))
                .put("ts", java.util.Date.from(ts))
                .put("tags", List.of("a", "b"))
                .put("address", new Struct(address).put("city", "Lyon"))
                .put("raw", ByteBuffer.wrap("hi".getBytes(StandardCharsets.UTF_8)));

        Map<String, Object> row = RecordRows.toRow(record(schema, value));

        assertThat(row).containsOnlyKeys("id", "amount", "day", "at", "ts", "note", "tags", "address", "raw");
        assertThat(List.copyOf(row.keySet())).containsExactly("id", "amount", "day", "at", "ts", "note", "tags",
                "address", "raw");
        assertThat(row.get("id")).isEqualTo(7L);
        assertThat(row.get("amount")).isEqualTo(new BigDecimal("12.30"));
        assertThat(row.get("day")).isEqualTo(LocalDate.of(2026, 12, 6));
        assertThat(row.get("at")).isEqualTo(LocalTime.of(10, 15, 30, 250_000_000));
        assertThat(row.get("ts")).isEqualTo(LocalDateTime.of(2026, 12, 6, 10, 15, 30, 250_000_000));
        assertThat(row.get("note")).isNull();
        assertThat(row.get("tags")).isEqualTo(List.of("a", "b"));
        assertThat(row.get("address")).isEqualTo(Map.of("city", "Lyon"));
        assertThat((byte[]) row.get("raw")).isEqualTo("hi".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void schemalessJsonMapAsProducedByTheJsonConverter() {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "false"), false);
        SchemaAndValue sv = converter.toConnectData("orders",
                "{\"id\":1,\"price\":2.5,\"ok\":true,\"items\":[{\"sku\":\"x\"}],\"none\":null}"
                        .getBytes(StandardCharsets.UTF_8));

        Map<String, Object> row = RecordRows.toRow(record(sv.schema(), sv.value()));

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("id", 1L);
        expected.put("price", 2.5);
        expected.put("ok", true);
        expected.put("items", List.of(Map.of("sku", "x")));
        expected.put("none", null);
        assertThat(row).isEqualTo(expected);
    }

    @Test
    void jsonConverterWithSchemasGivesLogicalTypes() {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "true", "decimal.format", "NUMERIC"), false);
        String json = "{\"schema\":{\"type\":\"struct\",\"fields\":["
                + "{\"field\":\"id\",\"type\":\"int32\"},"
                + "{\"field\":\"price\",\"type\":\"bytes\",\"name\":\"org.apache.kafka.connect.data.Decimal\","
                + "\"parameters\":{\"scale\":\"2\"}},"
                + "{\"field\":\"day\",\"type\":\"int32\",\"name\":\"org.apache.kafka.connect.data.Date\"}]},"
                + "\"payload\":{\"id\":5,\"price\":19.99,\"day\":20000}}";
        SchemaAndValue sv = converter.toConnectData("orders", json.getBytes(StandardCharsets.UTF_8));

        Map<String, Object> row = RecordRows.toRow(record(sv.schema(), sv.value()));

        assertThat(row.get("id")).isEqualTo(5);
        assertThat(row.get("price")).isEqualTo(new BigDecimal("19.99"));
        assertThat(row.get("day")).isEqualTo(LocalDate.ofEpochDay(20000));
    }

    @Test
    void valuesWithoutColumnsAreDataExceptionsNamingTheRecordNotItsContent() {
        assertThatThrownBy(() -> RecordRows.toRow(record(Schema.STRING_SCHEMA, "secret-payload")))
                .isInstanceOf(DataException.class).hasMessageContaining("orders-3@42")
                .hasMessageNotContaining("secret-payload");
        assertThatThrownBy(() -> RecordRows.toRow(record(null, 12)))
                .isInstanceOf(DataException.class).hasMessageContaining("Integer");
        assertThatThrownBy(() -> RecordRows.toRow(record(null, null)))
                .isInstanceOf(DataException.class).hasMessageContaining("tombstone");
    }
}
