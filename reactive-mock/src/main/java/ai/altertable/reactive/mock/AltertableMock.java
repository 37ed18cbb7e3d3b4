package ai.altertable.reactive.mock;

import ai.altertable.reactive.core.Credentials;
import ai.altertable.reactive.mock.internal.ConnectAddress;
import ai.altertable.reactive.mock.internal.Exposure;
import ai.altertable.reactive.mock.internal.MockRuntime;
import ai.altertable.reactive.mock.internal.db.DatabaseSettings;
import ai.altertable.reactive.mock.internal.flight.ArrowJvmCheck;
import ai.altertable.reactive.mock.internal.flight.MockFlightServer;
import ai.altertable.reactive.mock.internal.pg.PgServer;
import ai.altertable.reactive.mock.internal.lakehouse.LakehouseServer;
import ai.altertable.reactive.mock.internal.tls.MockTls;

import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An in-process Altertable server for tests and demos: the Lakehouse REST API and the Arrow Flight SQL endpoint over
 * embedded DuckDB, compatible with the official {@code altertable-mock} and closer to production where the client
 * spec says production differs (streamed {@code /query} with typed columns, {@code /append} tasks, cancel of running
 * queries, DoGet streams that follow the reader). Each user has their own database, in memory and created on first use
 * (or one file per user, kept across restarts, with {@link Builder#dataDir}), shared by both endpoints: a table
 * appended over REST can be queried over Flight, and the reverse (the official mock keeps the two apart).
 *
 * <pre>{@code
 * try (AltertableMock mock = AltertableMock.builder().user("alice", "secret").start()) {
 *     URI url = mock.baseUrl();               // http://127.0.0.1:<ephemeral port>
 *     URI flight = mock.flightUri();          // grpc://127.0.0.1:<ephemeral port>
 *     Credentials alice = mock.credentials(); // Basic alice:secret
 * }
 * }</pre>
 *
 * <p><b>Appends.</b> {@code POST /append} refuses a batch it cannot write before answering, whatever {@code sync}
 * says: {@code 200 {"ok":false,"error_code":…,"error_message":…}} without a task, nothing written;
 * {@code incompatible-schema} for a key that is no column or a value whose JSON shape cannot be of its column's type (an
 * object for an {@code INTEGER}, a number for a {@code STRUCT}), {@code invalid-data} for the rest (a missing catalog or
 * table, a value that does not convert, a constraint violation). An accepted batch is already written in an open
 * transaction and gets a {@code task_id}: its task commits it ({@code GET /tasks/{id}} answers
 * {@code {"task_id":…,"status":"pending"}}, then {@code "completed"}), or it is committed before the answer with
 * {@code sync=true} (or {@code 1}). The status {@code failed}, an extension with
 * {@code "error_message":"invalid-data: <reason>"} after {@code status}, appears only when the commit conflicts with a
 * concurrent change (the table dropped or altered, the same key committed meanwhile) or the mock closes first.
 *
 * <p>Thread-safe. {@link #close()} stops both servers, rolls back the appends whose task has not committed, and closes
 * every database (in memory: dropped; in a {@linkplain Builder#dataDir data directory}: kept). Fault injection for REST
 * client tests:
 * {@link #faults()} and the {@value FaultPlan#HEADER} request header.
 *
 * <p><b>TLS.</b> {@link Builder#tls()} makes every endpoint serve TLS with a certificate generated at start for
 * {@code localhost}, {@code 127.0.0.1} and {@code ::1} (or {@link Builder#tlsNames}), signed by a CA generated with it:
 * clients trust {@link #caCertificate()} or {@link #caCertificateFile()}. {@link Builder#tls(Path, Path)} serves your
 * own certificate instead, and {@link Builder#requireClientCertificates()} asks clients for a certificate (mutual TLS;
 * {@link #issueClientCertificate(String)} makes one).
 *
 * <p><b>Safe by default.</b> The mock is for tests and local development, never a server to expose. It binds
 * {@code 127.0.0.1} unless {@link Builder#host} says otherwise. Without any {@link Builder#user user}, a mock on
 * loopback accepts the fixed test user {@value #DEFAULT_USERNAME}:{@value #DEFAULT_PASSWORD} (only processes on this
 * machine can reach it), and a mock bound beyond loopback gets {@value #DEFAULT_USERNAME} with a random password
 * ({@link #credentials()}). A mock bound beyond loopback refuses to start when a user has a well-known password (the
 * default one, one from the documentation, the user's own name, or an empty one).
 *
 * <p>The Flight side writes Arrow buffers and uses DuckDB's Arrow export, so its JVM needs
 * {@code --add-opens=java.base/java.nio=ALL-UNNAMED} (a client that only reads does not): without it, starting a mock
 * with Flight fails with an {@link IllegalStateException} that names the flag and where to put it.
 */
public final class AltertableMock implements AutoCloseable {

    /** The user a mock built without {@link Builder#user} accepts. */
    public static final String DEFAULT_USERNAME = "altertable";
    /** The password of {@link #DEFAULT_USERNAME}. */
    public static final String DEFAULT_PASSWORD = "altertable-mock";

    private final MockRuntime runtime;
    private final LakehouseServer lakehouse;
    private final MockFlightServer flight;
    private final PgServer postgres;
    private final Map<String, String> users;
    private final Faults faults;
    private final MockTls tls;
    /** The host of {@link #baseUrl()} and {@link #flightUri()}: where a client on this machine connects. */
    private final String connectHost;

    private AltertableMock(Builder b, MockTls tls) {
        this.tls = tls;
        this.connectHost = ConnectAddress.uriHost(b.host);
        this.users = Collections.unmodifiableMap(new LinkedHashMap<>(b.users)); // keeps the order: first user first
        MockRuntime rt;
        try {
            rt = new MockRuntime(b.users, b.dbThreads, b.columnShape, new DatabaseSettings(b.dataDir, b.memoryLimit));
        } catch (RuntimeException e) {
            closeTls(tls);
            throw e;
        }
        this.runtime = rt;
        LakehouseServer rest = null;
        MockFlightServer flightServer = null;
        try {
            rest = new LakehouseServer(runtime, b.host, b.lakehousePort, tls == null ? null : tls.restContext());
            flightServer = b.flightEnabled ? new MockFlightServer(runtime, b.host, b.flightPort, tls) : null;
            this.postgres = b.postgresEnabled ? new PgServer(runtime, b.host, b.postgresPort,
                    PgServer.Authentication.SCRAM_SHA_256) : null;
            this.flight = flightServer;
        } catch (RuntimeException e) {
            if (flightServer != null) {
                flightServer.close();
            }
            if (rest != null) {
                rest.close();
            }
            runtime.close();
            closeTls(tls);
            throw e;
        }
        this.lakehouse = rest;
        this.faults = new Faults(runtime.faults());
    }

    private static void closeTls(MockTls tls) {
        if (tls != null) {
            tls.close();
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A mock on an ephemeral loopback port with the default user. */
    public static AltertableMock start() {
        return builder().start();
    }

    /**
     * The Lakehouse REST base URL, for example {@code http://127.0.0.1:53127}, or {@code https://…} with
     * {@linkplain Builder#tls() TLS}. A mock bound to all interfaces ({@code 0.0.0.0}, {@code ::}) is reached through
     * the loopback address ({@code 127.0.0.1}, {@code [::1]}); a mock bound to a name, through that name.
     */
    public URI baseUrl() {
        return URI.create((tls != null ? "https://" : "http://") + connectHost + ":" + lakehouse.port());
    }

    /** Whether the mock serves a certificate it generated, so that {@link #caCertificate()} answers. */
    public boolean hasGeneratedCa() {
        return tls != null && tls.caFile() != null;
    }

    /** Whether every endpoint serves TLS ({@link Builder#tls()}). */
    public boolean isTls() {
        return tls != null;
    }

    /**
     * The certificate of the CA that signed the mock's generated TLS certificate: what a client trusts.
     *
     * @throws IllegalStateException without {@link Builder#tls()} (a mock serving {@linkplain Builder#tls(Path, Path)
     *                               your own certificate} has no CA of its own)
     */
    public X509Certificate caCertificate() {
        return generatedTls().caCertificate();
    }

    /**
     * {@link #caCertificate()} as a PEM file, in a private temporary directory that {@link #close()} removes.
     *
     * @throws IllegalStateException without {@link Builder#tls()}
     */
    public Path caCertificateFile() {
        return generatedTls().caFile();
    }

    /**
     * A client certificate for mutual TLS ({@link Builder#requireClientCertificates()}), {@code CN=<commonName>}, signed
     * by the mock's generated CA; its files are removed by {@link #close()}.
     *
     * @throws IllegalStateException without {@link Builder#tls()}
     */
    public ClientCertificate issueClientCertificate(String commonName) {
        MockTls.IssuedFiles f = generatedTls().issueClient(Objects.requireNonNull(commonName, "commonName"));
        return new ClientCertificate(f.certificate().certificate(), f.certificate().privateKey(), f.certificateFile(),
                f.privateKeyFile());
    }

    private MockTls generatedTls() {
        if (tls == null || tls.caFile() == null) {
            throw new IllegalStateException(tls == null ? "this mock serves no TLS: build it with tls()"
                    : "this mock serves your own certificate: it has no CA of its own");
        }
        return tls;
    }

    public int lakehousePort() {
        return lakehouse.port();
    }

    /**
     * The Flight SQL port.
     *
     * @throws IllegalStateException if the mock was built {@link Builder#withoutFlight() without Flight}
     */
    public int flightPort() {
        return flight().port();
    }

    /**
     * The Flight SQL location, for example {@code grpc://127.0.0.1:53128}: plaintext gRPC, as
     * {@code Location.forGrpcInsecure} and {@code FlightClient.builder} take it, or {@code grpc+tls://…} with
     * {@linkplain Builder#tls() TLS}; the same host as {@link #baseUrl()} (a mock bound to all interfaces is reached
     * through the loopback address).
     *
     * @throws IllegalStateException if the mock was built {@link Builder#withoutFlight() without Flight}
     */
    public URI flightUri() {
        return URI.create((tls != null ? "grpc+tls://" : "grpc://") + connectHost + ":" + flight().port());
    }

    /** Whether the Flight SQL endpoint runs (see {@link Builder#withoutFlight()}). */
    public boolean hasFlight() {
        return flight != null;
    }

    /**
     * What the mock saw of its Flight DoGet streams, running and recently finished, oldest first: rows read from
     * DuckDB and rows sent, cancellation, errors. For tests of backpressure and cancel; empty without Flight.
     */
    public List<ObservedFlightStream> flightStreams() {
        return flight == null ? List.of() : flight.streams();
    }

    /**
     * Bytes of Arrow memory the Flight side holds right now: 0 when no Flight call is running. For leak checks in
     * tests; {@link #close()} fails when it is not 0 once the server has stopped.
     */
    public long flightAllocatedBytes() {
        return flight == null ? 0 : flight.allocatedBytes();
    }

    /** Whether the Postgres wire endpoint runs (see {@link Builder#withoutPostgres()}). */
    public boolean hasPostgres() {
        return postgres != null;
    }

    /**
     * The Postgres wire protocol port.
     *
     * @throws IllegalStateException if the mock was built {@link Builder#withoutPostgres() without Postgres}
     */
    public int postgresPort() {
        return postgres().port();
    }

    /**
     * The Postgres endpoint as a libpq URI, for example {@code postgresql://127.0.0.1:53129}, on the same host as
     * {@link #baseUrl()}. Add the user, password and database as {@code psql} takes them
     * ({@code postgresql://alice:secret@127.0.0.1:53129/memory}). The endpoint is plaintext, also with
     * {@link Builder#tls()}: it answers {@code SSLRequest} with {@code N} (the real endpoint is TLS on port 443).
     *
     * @throws IllegalStateException if the mock was built {@link Builder#withoutPostgres() without Postgres}
     */
    public URI postgresUri() {
        return URI.create("postgresql://" + connectHost + ":" + postgres().port());
    }

    /**
     * A pgjdbc URL for the Postgres endpoint and {@code database}, for example
     * {@code jdbc:postgresql://127.0.0.1:53129/memory?sslmode=disable}. pgjdbc keeps its default, the extended query
     * protocol (prepared statements, binary transfer, {@code setFetchSize} streaming); append
     * {@code &preferQueryMode=simple} for the simple query protocol. The user and password go in the connection
     * properties.
     *
     * @throws IllegalStateException if the mock was built {@link Builder#withoutPostgres() without Postgres}
     */
    public String postgresJdbcUrl(String database) {
        return "jdbc:postgresql://" + connectHost + ":" + postgres().port() + "/" + Objects.requireNonNull(database,
                "database") + "?sslmode=disable";
    }

    private PgServer postgres() {
        if (postgres == null) {
            throw new IllegalStateException("this mock was built without Postgres");
        }
        return postgres;
    }

    private MockFlightServer flight() {
        if (flight == null) {
            throw new IllegalStateException("this mock was built without Flight");
        }
        return flight;
    }

    /** Credentials of the first configured user. */
    public Credentials credentials() {
        Map.Entry<String, String> first = users.entrySet().iterator().next();
        return Credentials.basic(first.getKey(), first.getValue());
    }

    /**
     * Credentials of a configured user.
     *
     * @throws IllegalArgumentException if no such user is configured
     */
    public Credentials credentials(String username) {
        String password = users.get(username);
        if (password == null) {
            throw new IllegalArgumentException("no such user: " + username);
        }
        return Credentials.basic(username, password);
    }

    /** The configured usernames. */
    public List<String> usernames() {
        return List.copyOf(users.keySet());
    }

    /** Fault plans for the next requests. */
    public Faults faults() {
        return faults;
    }

    /** What the mock saw of a query (rows produced, cancel received), or {@code null} for an unknown id. */
    public ObservedQuery observedQuery(String queryId) {
        return lakehouse.tracker().observe(queryId);
    }

    /**
     * Requests received on a route, whatever their outcome, for tests that count round trips: the route template as
     * the protocol names it ({@code /query}, {@code /query/{id}}, {@code /append}, {@code /tasks/{id}}, ...).
     */
    public long requestCount(String route) {
        return lakehouse.requestCount(route);
    }

    /**
     * The W3C {@code traceparent} values received as REST headers and Flight gRPC metadata, oldest first (the most
     * recent 1000); requests without one are not listed.
     */
    public List<ObservedTraceparent> traceparents() {
        return runtime.traceparents().snapshot();
    }

    /** Query ids of all {@code DELETE /query/{id}} requests received, oldest first (bounded). */
    public List<String> cancelRequests() {
        return lakehouse.tracker().cancelRequests();
    }

    /**
     * Stops both servers, rolls back the appends whose task has not committed (their tasks turn {@code failed}), and
     * closes every database (in memory: dropped; in a {@linkplain Builder#dataDir data directory}: kept).
     *
     * @throws IllegalStateException if Flight buffers were still allocated after the Flight server stopped: a leak in
     *                               the mock, reported rather than hidden (everything else is closed regardless)
     */
    @Override
    public void close() {
        try {
            if (postgres != null) {
                postgres.close();
            }
            if (flight != null) {
                flight.close();
            }
        } finally {
            try {
                lakehouse.close();
            } finally {
                try {
                    runtime.close();
                } finally {
                    closeTls(tls);
                }
            }
        }
    }

    @Override
    public String toString() {
        return "AltertableMock[lakehouse=" + baseUrl() + (flight != null ? ", flight=" + flightUri() : "")
                + ", users=" + users.keySet() + "]";
    }

    /** Builder for {@link AltertableMock}. */
    public static final class Builder {
        private final Map<String, String> users = new LinkedHashMap<>();
        private String host = "127.0.0.1";
        private int lakehousePort;
        private int flightPort;
        private boolean flightEnabled = true;
        private int postgresPort;
        private boolean postgresEnabled = true;
        private int dbThreads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        private ColumnShape columnShape = ColumnShape.TYPED;
        private Path dataDir;
        private String memoryLimit;
        private boolean tls;
        private List<String> tlsNames = MockTls.DEFAULT_NAMES;
        private Path tlsCertificate;
        private Path tlsKey;
        private boolean requireClientCertificates;
        private Path clientCa;

        private Builder() {
        }

        /**
         * Serves TLS on every endpoint ({@code https://}, {@code grpc+tls://}) with a certificate generated at start for
         * {@code localhost}, {@code 127.0.0.1} and {@code ::1} ({@link #tlsNames} to change them), signed by a CA
         * generated with it and never written except its certificate ({@link AltertableMock#caCertificateFile()}).
         * Keys are EC P-256; certificates are valid for a year.
         */
        public Builder tls() {
            this.tls = true;
            this.tlsCertificate = null;
            this.tlsKey = null;
            return this;
        }

        /**
         * The names the generated certificate is for (host names and IP addresses), instead of {@code localhost},
         * {@code 127.0.0.1} and {@code ::1}: for example the name of a container the clients reach the mock by.
         * Implies {@link #tls()}.
         */
        public Builder tlsNames(String... names) {
            if (names.length == 0) {
                throw new IllegalArgumentException("tlsNames needs at least one name");
            }
            this.tlsNames = List.copyOf(Arrays.asList(names));
            return tls();
        }

        /**
         * Serves TLS on every endpoint with your certificate chain and private key (PEM files; the key unencrypted,
         * PKCS#8 or the traditional RSA/EC forms). Clients must trust the CA that signed it.
         */
        public Builder tls(Path certificateChain, Path privateKey) {
            this.tlsCertificate = Objects.requireNonNull(certificateChain, "certificateChain");
            this.tlsKey = Objects.requireNonNull(privateKey, "privateKey");
            this.tls = true;
            return this;
        }

        /**
         * Mutual TLS: every endpoint asks for a client certificate signed by the mock's generated CA
         * ({@link AltertableMock#issueClientCertificate(String)}) and refuses the handshake without one. Needs
         * {@link #tls()}.
         */
        public Builder requireClientCertificates() {
            this.requireClientCertificates = true;
            this.clientCa = null;
            return this;
        }

        /** Mutual TLS with client certificates signed by the CAs in {@code caCertificates} (a PEM file). */
        public Builder requireClientCertificates(Path caCertificates) {
            this.requireClientCertificates = true;
            this.clientCa = Objects.requireNonNull(caCertificates, "caCertificates");
            return this;
        }

        /** Adds a user; the username must not contain {@code :}. Without any user, {@link #DEFAULT_USERNAME} is added. */
        public Builder user(String username, String password) {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
            if (username.isEmpty() || username.indexOf(':') >= 0) {
                throw new IllegalArgumentException("username must be non-empty and contain no ':'");
            }
            users.put(username, password);
            return this;
        }

        /**
         * The interface to bind, default {@code 127.0.0.1}; {@code 0.0.0.0} to accept remote clients (in a
         * container, for example). Beyond loopback, a default user gets a random password, and a well-known
         * password fails {@link #start()}.
         */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The REST port, default 0 (ephemeral). */
        public Builder lakehousePort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.lakehousePort = port;
            return this;
        }

        /** The Flight SQL port, default 0 (ephemeral). */
        public Builder flightPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.flightPort = port;
            this.flightEnabled = true;
            return this;
        }

        /**
         * No Flight SQL endpoint: only the REST server starts ({@link #flightPort(int)} switches it on again). For
         * REST-only tests that want to skip gRPC's start-up and the {@code --add-opens} requirement.
         */
        public Builder withoutFlight() {
            this.flightEnabled = false;
            return this;
        }

        /** The Postgres wire protocol port, default 0 (ephemeral). */
        public Builder postgresPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.postgresPort = port;
            this.postgresEnabled = true;
            return this;
        }

        /** No Postgres wire endpoint ({@link #postgresPort(int)} switches it on again). */
        public Builder withoutPostgres() {
            this.postgresEnabled = false;
            return this;
        }

        /** The columns line shape of {@code /query}: {@link ColumnShape#TYPED} (default) or the official mock's names. */
        public Builder columnShape(ColumnShape shape) {
            this.columnShape = Objects.requireNonNull(shape, "shape");
            return this;
        }

        /**
         * Threads for DuckDB work, default {@code max(4, 2 * cores)}. Long results are streamed in turns (one chunk of
         * a REST stream, one batch of a Flight stream), each followed by whatever else waits for a thread, so short
         * requests are not held up by running streams; more threads help when several statements each run long inside
         * DuckDB (an aggregation over a large table) at the same time.
         */
        public Builder dbThreads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("dbThreads must be at least 1");
            }
            this.dbThreads = threads;
            return this;
        }

        /**
         * Keeps each user's database in a DuckDB file, {@code dir/<user>/memory.duckdb}, instead of in memory: the
         * tables are there again when a mock starts over the same directory (the file is named {@code memory} so that
         * its catalog is still {@code memory}). The directory is created if missing, and the configured users'
         * files are opened when the mock starts; a file held by another process fails the start. Default: in memory.
         */
        public Builder dataDir(Path dir) {
            this.dataDir = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /**
         * DuckDB's {@code memory_limit} for each user's database, for example {@code "2GB"}, {@code "512MiB"} or
         * {@code "50%"} (of the machine's memory). Default: DuckDB's own, 80 % of the machine's memory. Beyond the limit
         * DuckDB spills to its temporary directory ({@code <file>.tmp} beside a database file; {@code .tmp} in the
         * working directory for in-memory databases) or fails the statement.
         *
         * @throws IllegalArgumentException if DuckDB does not accept the size (checked at once)
         */
        public Builder memoryLimit(String size) {
            Objects.requireNonNull(size, "size");
            DatabaseSettings.checkMemoryLimit(size, "memoryLimit");
            this.memoryLimit = size;
            return this;
        }

        /**
         * Binds the ports and starts serving.
         *
         * @throws IllegalArgumentException if the {@linkplain #dataDir data directory} cannot be created or written, or
         *                                  the TLS files cannot be used
         * @throws IllegalStateException    if a user's database file cannot be opened (for example, another process
         *                                  holds it), if the mock would listen beyond loopback with a well-known
         *                                  password, or if client certificates are required without TLS
         */
        public AltertableMock start() {
            if (users.isEmpty()) {
                users.put(DEFAULT_USERNAME, Exposure.isLoopback(host) ? DEFAULT_PASSWORD : Exposure.randomPassword());
            }
            Exposure.refuseWellKnownPasswords(host, users);
            if (requireClientCertificates && !tls) {
                throw new IllegalStateException("requireClientCertificates() needs tls()");
            }
            if (requireClientCertificates && clientCa == null && tlsCertificate != null) {
                throw new IllegalStateException("with your own certificate, requireClientCertificates needs the CA file "
                        + "that signs the client certificates");
            }
            if (flightEnabled) {
                ArrowJvmCheck.require(); // before anything starts: without the flag every Flight query would fail
            }
            MockTls material = !tls ? null
                    : tlsCertificate != null ? MockTls.fromFiles(tlsCertificate, tlsKey,
                            requireClientCertificates ? clientCa : null)
                    : MockTls.generate(tlsNames, requireClientCertificates, clientCa);
            return new AltertableMock(this, material);
        }
    }
}
