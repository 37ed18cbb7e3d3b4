package ai.altertable.reactive.benchmarks.connect;

import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.sink.SinkRecord;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark's rows as a sink task receives them: each row is written as the JSON a producer would send, then
 * turned into a record value by Kafka's own {@link JsonConverter}, as a worker does before {@code put}: with
 * {@code schemas.enable=true} (an envelope with a schema; the value is a {@code Struct}) or {@code false} (the value is
 * a schemaless {@code Map}). Records are spread over {@code partitions} partitions in turn, with offsets from 0 in each.
 * Built before anything is timed.
 */
public final class ConnectRecords {

    /** The topic, which the connector's default table template turns into the table name. */
    public static final String TOPIC = "events";

    /** The table's columns, for {@code CREATE TABLE}. */
    public static final String COLUMNS = "id BIGINT, service VARCHAR, ms DOUBLE, ok BOOLEAN";

    private static final String SCHEMA = "{\"type\":\"struct\",\"optional\":false,\"fields\":["
            + "{\"field\":\"id\",\"type\":\"int64\",\"optional\":false},"
            + "{\"field\":\"service\",\"type\":\"string\",\"optional\":false},"
            + "{\"field\":\"ms\",\"type\":\"double\",\"optional\":false},"
            + "{\"field\":\"ok\",\"type\":\"boolean\",\"optional\":false}]}";

    private ConnectRecords() {
    }

    /** The JSON payload of row {@code i}. */
    static String payload(long i) {
        return String.format(Locale.ROOT, "{\"id\":%d,\"service\":\"svc-%d\",\"ms\":%s,\"ok\":%b}", i, i % 16,
                Double.toString(i * 0.25), i % 3 != 0);
    }

    /** Row {@code i} as a map, the shape {@code appendAll} is given in the baseline. */
    public static Map<String, Object> row(long i) {
        Map<String, Object> row = new LinkedHashMap<>(8);
        row.put("id", i);
        row.put("service", "svc-" + (i % 16));
        row.put("ms", i * 0.25);
        row.put("ok", i % 3 != 0);
        return row;
    }

    /** {@code n} records, through the JSON converter with or without schemas. */
    public static List<SinkRecord> records(int n, int partitions, boolean withSchemas) {
        try (JsonConverter converter = new JsonConverter()) {
            converter.configure(Map.of("schemas.enable", Boolean.toString(withSchemas)), false);
            List<SinkRecord> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String json = withSchemas ? "{\"schema\":" + SCHEMA + ",\"payload\":" + payload(i) + "}" : payload(i);
                SchemaAndValue v = converter.toConnectData(TOPIC, json.getBytes(StandardCharsets.UTF_8));
                out.add(new SinkRecord(TOPIC, i % partitions, null, null, v.schema(), v.value(), i / partitions));
            }
            return out;
        }
    }
}
