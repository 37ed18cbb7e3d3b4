package ai.altertable.reactive.kafka.connect;

import ai.altertable.reactive.core.BatchingOptions;
import ai.altertable.reactive.core.Credentials;
import ai.altertable.reactive.core.DeliveryGuarantee;
import ai.altertable.reactive.core.model.TableRef;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The configuration of {@link AltertableSinkConnector} and its tasks: where to write (endpoint, credentials, target
 * table), how (write path, batching, upsert keys) and what to do with records that carry no row.
 *
 * <p>Every key is validated when the connector is created, with a message that names the key and what it accepts;
 * the password is a {@link Type#PASSWORD}, which Connect masks in its REST answers and logs, and never appears in a
 * message of this class. Empty endpoint or credentials fall back to the {@code ALTERTABLE_*} environment of the worker
 * ({@value ai.altertable.reactive.rest.LakehouseClientOptions#ENV_BASE_URL}, {@value Credentials#ENV_USERNAME} and
 * {@value Credentials#ENV_PASSWORD}, ...; for the Flight write path's endpoint
 * {@value ai.altertable.reactive.flight.FlightClientOptions#ENV_ENDPOINT}), as every client of this library does.
 *
 * <p>Record errors follow Connect's own {@code errors.tolerance} (and {@code errors.deadletterqueue.*}): see
 * {@link AltertableSinkTask}.
 */
public final class AltertableSinkConfig extends AbstractConfig {

    /** Base URL of the Lakehouse REST API. */
    public static final String ENDPOINT = "altertable.endpoint";
    /** Username (HTTP Basic). */
    public static final String USERNAME = "altertable.username";
    /** Password (HTTP Basic), a {@link Type#PASSWORD}. */
    public static final String PASSWORD = "altertable.password";
    /** Target catalog. */
    public static final String CATALOG = "altertable.catalog";
    /** Target schema. */
    public static final String SCHEMA = "altertable.schema";
    /** Target table, or a template of it with {@value #TOPIC_PLACEHOLDER}. */
    public static final String TABLE = "altertable.table";
    /** {@code rest} or {@code flight}. */
    public static final String WRITE_PATH = "altertable.write.path";
    /** Flight SQL endpoint of the {@code flight} write path. */
    public static final String FLIGHT_ENDPOINT = "altertable.flight.endpoint";
    /** Rows per batch at most. */
    public static final String BATCH_MAX_ROWS = "batch.max.rows";
    /** Encoded bytes per batch at most. */
    public static final String BATCH_MAX_BYTES = "batch.max.bytes";
    /** Milliseconds a batch waits for more rows after its first one. */
    public static final String BATCH_LINGER_MS = "batch.linger.ms";
    /** Batches written at once per table. */
    public static final String BATCH_MAX_IN_FLIGHT = "batch.max.in.flight";
    /** Records received but not yet acknowledged, beyond which the task pauses its partitions. */
    public static final String MAX_BUFFERED_RECORDS = "max.buffered.records";
    /** Primary key columns: set, the task upserts instead of appending. */
    public static final String UPSERT_PRIMARY_KEY = "upsert.primary.key";
    /** Cursor columns of an upsert. */
    public static final String UPSERT_CURSOR_FIELD = "upsert.cursor.field";
    /** What a record with a null value (a tombstone) does: {@code fail} or {@code ignore}. */
    public static final String NULL_VALUES = "behavior.on.null.values";

    /** The placeholder of {@value #TABLE} replaced by the record's topic. */
    public static final String TOPIC_PLACEHOLDER = "${topic}";

    /** Largest batch body: the server refuses bodies over 2 MiB. */
    static final int MAX_BATCH_BYTES = 2 * 1024 * 1024;

    /** The write paths. */
    public enum WritePath {
        /** {@code POST /append} (or {@code /upsert}) per batch, through {@code reactive-rest}. */
        REST,
        /** One Flight SQL bulk ingest ({@code DoPut}) per batch, through {@code reactive-flight}. */
        FLIGHT
    }

    /** What a record with a null value does. */
    public enum NullValues {
        /** The record fails (it goes to the dead-letter queue when {@code errors.tolerance=all}). */
        FAIL,
        /** The record is skipped; its offset is committed like a written one. */
        IGNORE
    }

    /** The definition of every key, with its documentation and validator. */
    public static final ConfigDef CONFIG_DEF = definition();

    /**
     * Parses and validates {@code props}.
     *
     * @throws ConfigException naming the first invalid key
     */
    public AltertableSinkConfig(Map<?, ?> props) {
        super(CONFIG_DEF, props);
        if (getInt(MAX_BUFFERED_RECORDS) < getInt(BATCH_MAX_ROWS)) {
            throw new ConfigException(MAX_BUFFERED_RECORDS, getInt(MAX_BUFFERED_RECORDS),
                    "must be at least " + BATCH_MAX_ROWS + " (" + getInt(BATCH_MAX_ROWS) + ")");
        }
        if (!getList(UPSERT_CURSOR_FIELD).isEmpty() && getList(UPSERT_PRIMARY_KEY).isEmpty()) {
            throw new ConfigException(UPSERT_CURSOR_FIELD, getList(UPSERT_CURSOR_FIELD),
                    "a cursor field needs " + UPSERT_PRIMARY_KEY);
        }
        boolean user = !getString(USERNAME).isEmpty();
        boolean password = password().isPresent();
        if (user != password) {
            throw new ConfigException(user ? PASSWORD : USERNAME, null, "set both " + USERNAME + " and " + PASSWORD
                    + ", or neither (then the worker's ALTERTABLE_* environment is used)");
        }
    }

    private static ConfigDef definition() {
        String g = "Altertable";
        String b = "Batching";
        String u = "Upsert";
        return new ConfigDef()
                .define(ENDPOINT, Type.STRING, "", new EndpointValidator(), Importance.HIGH,
                        "Base URL of the Altertable Lakehouse REST API (http or https). Empty: the worker's "
                                + "ALTERTABLE_BASE_URL environment variable, else https://api.altertable.ai.",
                        g, 1, ConfigDef.Width.LONG, "Endpoint")
                .define(USERNAME, Type.STRING, "", Importance.HIGH,
                        "Username. Empty, with an empty password: the worker's ALTERTABLE_LAKEHOUSE_USERNAME and "
                                + "ALTERTABLE_LAKEHOUSE_PASSWORD (or ALTERTABLE_BASIC_AUTH_TOKEN) environment.",
                        g, 2, ConfigDef.Width.MEDIUM, "Username")
                .define(PASSWORD, Type.PASSWORD, null, Importance.HIGH,
                        "Password; masked by Connect. Empty: see " + USERNAME + ".",
                        g, 3, ConfigDef.Width.MEDIUM, "Password")
                .define(CATALOG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                        Importance.HIGH, "Catalog of the target table.", g, 4, ConfigDef.Width.MEDIUM, "Catalog")
                .define(SCHEMA, Type.STRING, "main", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                        "Schema of the target table.", g, 5, ConfigDef.Width.MEDIUM, "Schema")
                .define(TABLE, Type.STRING, TOPIC_PLACEHOLDER, new TableTemplateValidator(), Importance.HIGH,
                        "Target table, which must exist: a name, or a template in which " + TOPIC_PLACEHOLDER
                                + " is replaced by the record's topic (the default: one table per topic).",
                        g, 6, ConfigDef.Width.MEDIUM, "Table")
                .define(WRITE_PATH, Type.STRING, "rest", ConfigDef.CaseInsensitiveValidString.in("rest", "flight"),
                        Importance.MEDIUM, "rest: one POST /append (or /upsert) per batch; flight: one Flight SQL bulk "
                                + "ingest (DoPut of one Arrow record batch) per batch, to " + FLIGHT_ENDPOINT
                                + ", with the same credentials; values are converted to the table's column types, "
                                + "and a field that is not a column fails its record. The worker JVM needs "
                                + "--add-opens=java.base/java.nio=ALL-UNNAMED (KAFKA_OPTS) to write Arrow.",
                        g, 7, ConfigDef.Width.SHORT, "Write path")
                .define(FLIGHT_ENDPOINT, Type.STRING, "", new FlightEndpointValidator(), Importance.MEDIUM,
                        "Flight SQL endpoint of the flight write path: grpc+tls://host:port (TLS) or "
                                + "grpc://host:port (plaintext). Empty: the worker's ALTERTABLE_FLIGHT_URL environment "
                                + "variable, else grpc+tls://flight.altertable.ai:443. Unused by the rest path.",
                        g, 8, ConfigDef.Width.LONG, "Flight endpoint")
                .define(NULL_VALUES, Type.STRING, "fail", ConfigDef.CaseInsensitiveValidString.in("fail", "ignore"),
                        Importance.LOW, "A record whose value is null (a tombstone): fail (an error record, which "
                                + "errors.tolerance decides on) or ignore (skipped, its offset committed).",
                        g, 9, ConfigDef.Width.SHORT, "Null values")
                .define(BATCH_MAX_ROWS, Type.INT, BatchingOptions.DEFAULT_MAX_ROWS, ConfigDef.Range.atLeast(1),
                        Importance.MEDIUM, "Rows per batch at most.", b, 1, ConfigDef.Width.SHORT, "Max rows")
                .define(BATCH_MAX_BYTES, Type.INT, BatchingOptions.DEFAULT_MAX_BYTES,
                        ConfigDef.Range.between(1, MAX_BATCH_BYTES), Importance.MEDIUM,
                        "Encoded JSON bytes per batch at most (the server refuses bodies over 2 MiB).",
                        b, 2, ConfigDef.Width.SHORT, "Max bytes")
                .define(BATCH_LINGER_MS, Type.LONG, BatchingOptions.DEFAULT_LINGER.toMillis(),
                        ConfigDef.Range.atLeast(1), Importance.MEDIUM,
                        "Milliseconds a batch waits for more rows after its first one before it is written.",
                        b, 3, ConfigDef.Width.SHORT, "Linger (ms)")
                .define(BATCH_MAX_IN_FLIGHT, Type.INT, 1, ConfigDef.Range.atLeast(1), Importance.LOW,
                        "Batches being written at once, per table. 1 (the default) keeps each partition's rows in "
                                + "order, retries included; above 1, a batch re-sent after a transient failure may "
                                + "land after later ones (harmless for appends read without order and for upserts "
                                + "with a cursor field; an upsert without one could keep an older version).",
                        b, 4, ConfigDef.Width.SHORT, "Batches in flight")
                .define(MAX_BUFFERED_RECORDS, Type.INT, 4 * BatchingOptions.DEFAULT_MAX_ROWS,
                        ConfigDef.Range.atLeast(1), Importance.LOW,
                        "Records the task holds, received but not yet acknowledged by the server, above which it "
                                + "pauses its partitions until writes catch up (at least " + BATCH_MAX_ROWS + ").",
                        b, 5, ConfigDef.Width.SHORT, "Max buffered records")
                .define(UPSERT_PRIMARY_KEY, Type.LIST, "", Importance.MEDIUM,
                        "Primary key columns. Set: rows are upserted on this key instead of appended, so a record "
                                + "delivered again converges to one row per key.", u, 1, ConfigDef.Width.MEDIUM,
                        "Primary key")
                .define(UPSERT_CURSOR_FIELD, Type.LIST, "", Importance.LOW,
                        "Cursor columns of an upsert: a row replaces the stored one only when its cursor is not "
                                + "older. Needs " + UPSERT_PRIMARY_KEY + ".", u, 2, ConfigDef.Width.MEDIUM,
                        "Cursor field");
    }

    /** The endpoint, or empty for the environment's. */
    public Optional<URI> endpoint() {
        String e = getString(ENDPOINT).trim();
        return e.isEmpty() ? Optional.empty() : Optional.of(URI.create(e));
    }

    /** The Flight endpoint, or empty for the environment's. */
    public Optional<URI> flightEndpoint() {
        String e = getString(FLIGHT_ENDPOINT).trim();
        return e.isEmpty() ? Optional.empty() : Optional.of(URI.create(e));
    }

    /** Credentials from the configuration, or empty for the environment's. */
    public Optional<Credentials> credentials() {
        return password().map(p -> Credentials.basic(getString(USERNAME), p));
    }

    private Optional<String> password() {
        Password p = getPassword(PASSWORD);
        return p == null || p.value().isEmpty() ? Optional.empty() : Optional.of(p.value());
    }

    /** The write path. */
    public WritePath writePath() {
        return WritePath.valueOf(getString(WRITE_PATH).toUpperCase(Locale.ROOT));
    }

    /** What a null value does. */
    public NullValues nullValues() {
        return NullValues.valueOf(getString(NULL_VALUES).toUpperCase(Locale.ROOT));
    }

    /** The table the records of {@code topic} go to. */
    public TableRef table(String topic) {
        return TableRef.of(getString(CATALOG), getString(SCHEMA), getString(TABLE).replace(TOPIC_PLACEHOLDER, topic));
    }

    /** Upsert key columns; empty: append. */
    public List<String> primaryKey() {
        return getList(UPSERT_PRIMARY_KEY);
    }

    /** Upsert cursor columns. */
    public List<String> cursorField() {
        return getList(UPSERT_CURSOR_FIELD);
    }

    /** Records held unacknowledged before the task pauses. */
    public int maxBufferedRecords() {
        return getInt(MAX_BUFFERED_RECORDS);
    }

    /**
     * The batching of each table: the configured sizes, at-least-once (a failed batch is re-sent with backoff, so a
     * batch whose acknowledgement was lost may be written twice; offsets are committed only for acknowledged ones).
     */
    public BatchingOptions batching() {
        return BatchingOptions.builder()
                .maxRows(getInt(BATCH_MAX_ROWS))
                .maxBytes(getInt(BATCH_MAX_BYTES))
                .linger(Duration.ofMillis(getLong(BATCH_LINGER_MS)))
                .maxInFlight(getInt(BATCH_MAX_IN_FLIGHT))
                .deliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }

    /**
     * The endpoint in {@code value}, or null when it is empty. Neither a value that does not parse nor one with user
     * info is ever echoed (nor the parser's message, which quotes it): it may hold a password.
     */
    private static URI parseEndpoint(String name, Object value, String notValid) {
        String s = value == null ? "" : value.toString().trim();
        if (s.isEmpty()) {
            return null;
        }
        URI uri;
        try {
            uri = URI.create(s);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name + " " + notValid);
        }
        if (uri.getUserInfo() != null) {
            throw new ConfigException(name + " must not carry user info; use " + USERNAME + " and " + PASSWORD);
        }
        return uri;
    }

    /** Empty, or an absolute http(s) URL with a host. */
    private static final class EndpointValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            URI uri = parseEndpoint(name, value, "is not a valid URL");
            if (uri != null && (uri.getScheme() == null
                    || !List.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT))
                    || uri.getHost() == null)) {
                throw new ConfigException(name, uri.toString(), "must be an http or https URL with a host, such as "
                        + "https://api.altertable.ai");
            }
        }

        @Override
        public String toString() {
            return "empty, or an http(s) URL";
        }
    }

    /** Empty, or a Flight location: grpc, grpc+tcp or grpc+tls, with a host and a port. */
    private static final class FlightEndpointValidator implements ConfigDef.Validator {
        private static final List<String> SCHEMES = List.of("grpc", "grpc+tcp", "grpc+tls");

        @Override
        public void ensureValid(String name, Object value) {
            URI uri = parseEndpoint(name, value,
                    "is not a valid URI; expected grpc+tls://host:port or grpc://host:port");
            if (uri == null) {
                return;
            }
            if (uri.getScheme() == null || !SCHEMES.contains(uri.getScheme().toLowerCase(Locale.ROOT))
                    || uri.getHost() == null || uri.getPort() <= 0) {
                throw new ConfigException(name, uri.toString(), "must be a Flight location with a host and a port: "
                        + "grpc+tls://host:port (TLS) or grpc://host:port (plaintext)");
            }
        }

        @Override
        public String toString() {
            return "empty, or grpc+tls://host:port or grpc://host:port";
        }
    }

    /** A non-empty name whose only placeholder is {@value #TOPIC_PLACEHOLDER}. */
    private static final class TableTemplateValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String s = value == null ? "" : value.toString();
            if (s.isBlank()) {
                throw new ConfigException(name, s, "must name a table, or be a template such as " + TOPIC_PLACEHOLDER);
            }
            String rest = s.replace(TOPIC_PLACEHOLDER, "");
            if (rest.contains("${")) {
                throw new ConfigException(name, s, "the only placeholder is " + TOPIC_PLACEHOLDER);
            }
        }

        @Override
        public String toString() {
            return "a table name, or a template with " + TOPIC_PLACEHOLDER;
        }
    }
}
