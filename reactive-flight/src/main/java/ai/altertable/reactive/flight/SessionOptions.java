package ai.altertable.reactive.flight;

import ai.altertable.reactive.core.ConfigurationException;
import ai.altertable.reactive.core.model.ComputeSize;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Flight SQL session options of the Altertable server: the current {@code catalog} and {@code schema}, and the
 * {@code compute_size} of the session's queries. Sent with the {@code SetSessionOptions} action.
 *
 * <p>Values are checked here, before anything reaches the server: the compute size must be one of {@code XS}, {@code S},
 * {@code M}, {@code L}, {@code XL}, {@code 2XL}, {@code 3XL}, {@code 4XL} (aliases {@code XXL}, {@code XXXL},
 * {@code XXXXL}, any case); {@code AUTO}, which the REST API knows, is refused by the Flight server and so refused here.
 * Catalog and schema names are not checked by the server when set, but an unknown catalog makes every later call on the
 * session fail: only set catalogs that exist.
 *
 * <p>Options given to {@link FlightClientOptions.Builder#sessionOptions(SessionOptions)} are applied right after each
 * handshake (also after a re-handshake, since the server may have started a new session); options set later with
 * {@link FlightSession#setSessionOptions(SessionOptions)} are remembered and applied again likewise.
 * Immutable and thread-safe; holds no resources.
 */
public final class SessionOptions {

    /** The option key of the catalog. */
    public static final String CATALOG = "catalog";
    /** The option key of the schema. */
    public static final String SCHEMA = "schema";
    /** The option key of the compute size. */
    public static final String COMPUTE_SIZE = "compute_size";

    private static final SessionOptions NONE = builder().build();

    private final String catalog;
    private final String schema;
    private final ComputeSize computeSize;

    private SessionOptions(Builder b) {
        this.catalog = b.catalog;
        this.schema = b.schema;
        this.computeSize = b.computeSize;
    }

    /** No options. */
    public static SessionOptions none() {
        return NONE;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder mutate() {
        Builder b = new Builder();
        b.catalog = catalog;
        b.schema = schema;
        b.computeSize = computeSize;
        return b;
    }

    /** The catalog, or {@code null} when not set. */
    public String catalog() {
        return catalog;
    }

    /** The schema, or {@code null} when not set. */
    public String schema() {
        return schema;
    }

    /** The compute size, or {@code null} when not set. */
    public ComputeSize computeSize() {
        return computeSize;
    }

    /** Whether no option is set. */
    public boolean isEmpty() {
        return catalog == null && schema == null && computeSize == null;
    }

    /** The options as sent: key to string value, only those that are set, in a stable order. */
    public Map<String, String> toMap() {
        Map<String, String> map = new LinkedHashMap<>();
        if (catalog != null) {
            map.put(CATALOG, catalog);
        }
        if (schema != null) {
            map.put(SCHEMA, schema);
        }
        if (computeSize != null) {
            map.put(COMPUTE_SIZE, computeSize.wire());
        }
        return map;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SessionOptions)) {
            return false;
        }
        SessionOptions that = (SessionOptions) o;
        return Objects.equals(catalog, that.catalog) && Objects.equals(schema, that.schema)
                && computeSize == that.computeSize;
    }

    @Override
    public int hashCode() {
        return Objects.hash(catalog, schema, computeSize);
    }

    @Override
    public String toString() {
        return "SessionOptions" + toMap();
    }

    /** Builder for {@link SessionOptions}; invalid values fail where they are set. */
    public static final class Builder {
        private String catalog;
        private String schema;
        private ComputeSize computeSize;

        private Builder() {
        }

        /** The current catalog ({@code memory} on the mock). {@code null} leaves it unset. */
        public Builder catalog(String catalog) {
            this.catalog = nonBlank(catalog, CATALOG);
            return this;
        }

        /** The current schema ({@code main} on the mock). {@code null} leaves it unset. */
        public Builder schema(String schema) {
            this.schema = nonBlank(schema, SCHEMA);
            return this;
        }

        /**
         * The compute size, parsed strictly.
         *
         * @throws ConfigurationException for an unknown size or {@code AUTO}
         */
        public Builder computeSize(String computeSize) {
            if (computeSize == null) {
                this.computeSize = null;
                return this;
            }
            ComputeSize parsed;
            try {
                parsed = ComputeSize.parse(computeSize);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("compute_size '" + computeSize + "' is not a size the Flight server "
                        + "accepts: XS, S, M, L, XL, 2XL (XXL), 3XL (XXXL), 4XL (XXXXL)");
            }
            return computeSize(parsed);
        }

        /**
         * The compute size.
         *
         * @throws ConfigurationException for {@link ComputeSize#AUTO} and {@link ComputeSize#UNKNOWN}, which the Flight
         *                                server refuses
         */
        public Builder computeSize(ComputeSize computeSize) {
            if (computeSize == ComputeSize.AUTO || computeSize == ComputeSize.UNKNOWN) {
                throw new ConfigurationException("compute_size " + computeSize.wire() + " is not accepted over Flight SQL; "
                        + "use one of XS, S, M, L, XL, 2XL, 3XL, 4XL");
            }
            this.computeSize = computeSize;
            return this;
        }

        public SessionOptions build() {
            return new SessionOptions(this);
        }

        private static String nonBlank(String value, String key) {
            if (value != null && value.isBlank()) {
                throw new ConfigurationException(key + " must not be blank");
            }
            return value;
        }
    }
}
