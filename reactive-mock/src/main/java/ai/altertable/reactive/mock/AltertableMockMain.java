package ai.altertable.reactive.mock;

import ai.altertable.reactive.mock.internal.Exposure;
import ai.altertable.reactive.mock.internal.db.DatabaseSettings;
import ai.altertable.reactive.mock.internal.flight.ArrowJvmCheck;

import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The standalone mock, run by {@code bin/altertable-mock}: the official mock's flags and environment variables, in
 * the foreground until SIGTERM or Ctrl-C.
 *
 * <pre>
 * --lakehouse-port, -p N   REST port (default 15000; env ALTERTABLE_MOCK_LAKEHOUSE_PORT)
 * --flight-port, -f N      Flight SQL port (default 15002; env ALTERTABLE_MOCK_FLIGHT_PORT)
 * --postgres-port N        Postgres wire protocol port (default: none, not started; env ALTERTABLE_MOCK_POSTGRES_PORT);
 *                          adds postgres=postgresql://127.0.0.1:N to the ready line
 * --user, -u name:password a user, repeatable (env ALTERTABLE_MOCK_USERS=alice:secret,bob:pw)
 * --host ADDRESS           interface to bind (default 127.0.0.1; 0.0.0.0 in a container)
 * --tls                    TLS on every endpoint, with a certificate generated for localhost, 127.0.0.1 and ::1; the
 *                          file of the CA that signed it is printed in the ready line (ca=...)
 * --tls-name NAME          a name of the generated certificate instead of the defaults, repeatable; implies --tls
 * --tls-cert FILE --tls-key FILE   TLS with your certificate chain and key (PEM) instead
 * --tls-client-ca FILE     mutual TLS: clients need a certificate signed by a CA in FILE
 * --column-shape typed|names   the /query columns line (default typed, the production shape; names: the official
 *                          mock's plain names)
 * --data-dir DIR           one DuckDB file per user under DIR, kept across restarts (default: in memory;
 *                          env ALTERTABLE_MOCK_DATA_DIR)
 * --memory-limit SIZE      DuckDB's memory_limit per user database, e.g. 2GB, 512MiB, 50% (default: DuckDB's, 80% of
 *                          the machine's memory; env ALTERTABLE_MOCK_MEMORY_LIMIT)
 * --db-threads N           threads for DuckDB work (default max(4, 2 x cores); env ALTERTABLE_MOCK_DB_THREADS)
 * --analytics-port N       accepted and ignored (the official mock's analytics endpoint), with a note on stderr
 * </pre>
 *
 * When ready it prints one line containing {@code lakehouse=http://127.0.0.1:<port>} and
 * {@code flight=grpc://127.0.0.1:<port>} ({@code https://} and {@code grpc+tls://} with TLS, then {@code ca=<file>}
 * for a generated certificate): addresses a client on this machine connects to, so {@code 127.0.0.1} (or
 * {@code [::1]}) for a mock bound to all interfaces, and the {@code --host} for any other. Without any user, the user {@value AltertableMock#DEFAULT_USERNAME} is configured with
 * a random password, printed once in that line ({@code password=...}) and nowhere else (the official mock would reject
 * every request instead). A bad flag or value prints the reason and the usage and exits with 2; a mock bound beyond
 * loopback with a well-known password refuses to start (exit 2).
 */
public final class AltertableMockMain {

    static final int DEFAULT_LAKEHOUSE_PORT = 15000;
    static final int DEFAULT_FLIGHT_PORT = 15002;
    static final String ANALYTICS_IGNORED = "altertable-mock: --analytics-port is ignored: this mock serves no "
            + "analytics endpoint (only the lakehouse REST API and Flight SQL)";

    private AltertableMockMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        AltertableMock mock;
        Settings settings;
        try {
            settings = Settings.parse(args, System.getenv());
            settings.notes.forEach(System.err::println);
            if (settings.help) {
                usage(System.out);
                return;
            }
            try {
                Exposure.refuseWellKnownPasswords(settings.host, settings.userMap()); // a policy: before the JVM checks
            } catch (IllegalStateException e) {
                System.err.println("altertable-mock: " + e.getMessage()); // a policy, not a usage error: no usage
                System.exit(2);
                return;
            }
            String problem = ArrowJvmCheck.problem();
            if (problem != null) {
                System.err.println("altertable-mock: " + problem);
                System.exit(1);
                return;
            }
            mock = settings.builder().start();
        } catch (IllegalArgumentException e) {
            System.err.println("altertable-mock: " + e.getMessage());
            usage(System.err);
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            mock.close();
            stopped.countDown();
        }, "altertable-mock-shutdown"));
        System.out.println(readyLine(mock, settings.generatedPassword));
        System.out.flush();
        stopped.await();
    }

    /** The one line printed when both servers listen; scripts wait for it and read the URLs from it. */
    static String readyLine(AltertableMock mock, String generatedPassword) {
        StringBuilder line = new StringBuilder("altertable-mock ready: lakehouse=").append(mock.baseUrl());
        if (mock.hasFlight()) {
            line.append(" flight=").append(mock.flightUri());
        }
        if (mock.hasPostgres()) {
            line.append(" postgres=").append(mock.postgresUri());
        }
        line.append(" users=").append(String.join(",", mock.usernames()));
        if (generatedPassword != null) {
            line.append(" password=").append(generatedPassword);
        }
        if (mock.isTls() && mock.hasGeneratedCa()) {
            line.append(" ca=").append(mock.caCertificateFile());
        }
        return line.toString();
    }

    static void usage(PrintStream out) {
        out.println("usage: altertable-mock [--lakehouse-port|-p N] [--flight-port|-f N] [--postgres-port N] [--user|-u name:password]... "
                + "[--host ADDRESS] [--tls | --tls-name NAME... | --tls-cert FILE --tls-key FILE] "
                + "[--tls-client-ca FILE] [--column-shape typed|names] [--data-dir DIR] [--memory-limit SIZE] "
                + "[--db-threads N] [--analytics-port N (ignored)]");
        out.println("environment: ALTERTABLE_MOCK_USERS=alice:secret,bob:pw ALTERTABLE_MOCK_LAKEHOUSE_PORT="
                + DEFAULT_LAKEHOUSE_PORT + " ALTERTABLE_MOCK_FLIGHT_PORT=" + DEFAULT_FLIGHT_PORT
                + " ALTERTABLE_MOCK_POSTGRES_PORT=N ALTERTABLE_MOCK_DATA_DIR=DIR ALTERTABLE_MOCK_MEMORY_LIMIT=2GB ALTERTABLE_MOCK_DB_THREADS=N");
        out.println("--column-shape names: the official mock's plain column names, for tests written against it");
        out.println("--host: default 127.0.0.1; --host 0.0.0.0 to accept other machines (a container), only with "
                + "passwords of your own (--user)");
        out.println("without --user: user altertable with a random password, printed once in the ready line");
        out.println("--tls: https:// and grpc+tls:// with a generated certificate; trust the ca= file of the ready line");
        out.println("for tests and local development only: never expose this mock as a server");
    }

    /** Parsed command line and environment; flags beat environment variables. */
    static final class Settings {
        int lakehousePort = DEFAULT_LAKEHOUSE_PORT;
        int flightPort = DEFAULT_FLIGHT_PORT;
        /** The Postgres wire port, or null for none (only started when asked for). */
        Integer postgresPort;
        String host = "127.0.0.1";
        boolean tls;
        final List<String> tlsNames = new ArrayList<>();
        Path tlsCert;
        Path tlsKey;
        Path tlsClientCa;
        /** The default user's password, when no user was given: printed in the ready line. */
        String generatedPassword;
        ColumnShape shape = ColumnShape.TYPED;
        final List<String[]> users = new ArrayList<>();
        Path dataDir;
        String memoryLimit;
        Integer dbThreads;
        boolean help;
        /** One-line notes for stderr (ignored flags). */
        final List<String> notes = new ArrayList<>();

        static Settings parse(String[] args, Map<String, String> env) {
            Settings s = fromEnvironment(env);
            List<String[]> flagUsers = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--lakehouse-port": case "-p": s.lakehousePort = port(value(args, ++i, a), a); break;
                    case "--flight-port": case "-f": s.flightPort = port(value(args, ++i, a), a); break;
                    case "--postgres-port": s.postgresPort = port(value(args, ++i, a), a); break;
                    case "--user": case "-u": flagUsers.add(user(value(args, ++i, a))); break;
                    case "--host": s.host = value(args, ++i, a); break;
                    case "--tls": s.tls = true; break;
                    case "--tls-name": s.tlsNames.add(value(args, ++i, a)); break;
                    case "--tls-cert": s.tlsCert = file(value(args, ++i, a), a); break;
                    case "--tls-key": s.tlsKey = file(value(args, ++i, a), a); break;
                    case "--tls-client-ca": s.tlsClientCa = file(value(args, ++i, a), a); break;
                    case "--column-shape": s.shape = shape(value(args, ++i, a)); break;
                    case "--data-dir": s.dataDir = dataDir(value(args, ++i, a), a); break;
                    case "--memory-limit": s.memoryLimit = memoryLimit(value(args, ++i, a), a); break;
                    case "--db-threads": s.dbThreads = threads(value(args, ++i, a), a); break;
                    case "--analytics-port":
                        port(value(args, ++i, a), a);
                        s.notes.add(ANALYTICS_IGNORED);
                        break;
                    case "--help": case "-h": s.help = true; break;
                    default: throw new IllegalArgumentException("unknown argument: " + a);
                }
            }
            if (!flagUsers.isEmpty()) {
                s.users.addAll(flagUsers);
            } else if (env.get("ALTERTABLE_MOCK_USERS") != null) {
                for (String u : env.get("ALTERTABLE_MOCK_USERS").split(",")) {
                    if (!u.isBlank()) {
                        s.users.add(user(u.strip()));
                    }
                }
            }
            if ((s.tlsCert == null) != (s.tlsKey == null)) {
                throw new IllegalArgumentException("--tls-cert and --tls-key go together");
            }
            if (s.tlsCert != null && !s.tlsNames.isEmpty()) {
                throw new IllegalArgumentException("--tls-name names a generated certificate; not with --tls-cert");
            }
            if (s.users.isEmpty()) {
                s.generatedPassword = Exposure.randomPassword();
                s.users.add(new String[] {AltertableMock.DEFAULT_USERNAME, s.generatedPassword});
            }
            return s;
        }

        /** The defaults, overridden by the {@code ALTERTABLE_MOCK_*} variables that are set (users: see parse). */
        private static Settings fromEnvironment(Map<String, String> env) {
            Settings s = new Settings();
            s.lakehousePort = port(env.getOrDefault("ALTERTABLE_MOCK_LAKEHOUSE_PORT", "" + DEFAULT_LAKEHOUSE_PORT),
                    "ALTERTABLE_MOCK_LAKEHOUSE_PORT");
            s.flightPort = port(env.getOrDefault("ALTERTABLE_MOCK_FLIGHT_PORT", "" + DEFAULT_FLIGHT_PORT),
                    "ALTERTABLE_MOCK_FLIGHT_PORT");
            if (env.get("ALTERTABLE_MOCK_POSTGRES_PORT") != null) {
                s.postgresPort = port(env.get("ALTERTABLE_MOCK_POSTGRES_PORT"), "ALTERTABLE_MOCK_POSTGRES_PORT");
            }
            if (env.get("ALTERTABLE_MOCK_DATA_DIR") != null) {
                s.dataDir = dataDir(env.get("ALTERTABLE_MOCK_DATA_DIR"), "ALTERTABLE_MOCK_DATA_DIR");
            }
            if (env.get("ALTERTABLE_MOCK_MEMORY_LIMIT") != null) {
                s.memoryLimit = memoryLimit(env.get("ALTERTABLE_MOCK_MEMORY_LIMIT"), "ALTERTABLE_MOCK_MEMORY_LIMIT");
            }
            if (env.get("ALTERTABLE_MOCK_DB_THREADS") != null) {
                s.dbThreads = threads(env.get("ALTERTABLE_MOCK_DB_THREADS"), "ALTERTABLE_MOCK_DB_THREADS");
            }
            return s;
        }

        /** The users, name to password, in order. */
        Map<String, String> userMap() {
            Map<String, String> m = new java.util.LinkedHashMap<>();
            users.forEach(u -> m.put(u[0], u[1]));
            return m;
        }

        AltertableMock.Builder builder() {
            AltertableMock.Builder b = AltertableMock.builder().host(host).lakehousePort(lakehousePort)
                    .flightPort(flightPort).columnShape(shape);
            if (postgresPort != null) {
                b.postgresPort(postgresPort);
            } else {
                b.withoutPostgres();
            }
            users.forEach(u -> b.user(u[0], u[1]));
            if (tlsCert != null) {
                b.tls(tlsCert, tlsKey);
            } else if (!tlsNames.isEmpty()) {
                b.tlsNames(tlsNames.toArray(new String[0]));
            } else if (tls || tlsClientCa != null) {
                b.tls();
            }
            if (tlsClientCa != null) {
                b.requireClientCertificates(tlsClientCa);
            }
            if (dataDir != null) {
                b.dataDir(dataDir);
            }
            if (memoryLimit != null) {
                b.memoryLimit(memoryLimit);
            }
            if (dbThreads != null) {
                b.dbThreads(dbThreads);
            }
            return b;
        }

        private static String value(String[] args, int i, String flag) {
            if (i >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            return args[i];
        }

        private static int port(String v, String name) {
            try {
                int p = Integer.parseInt(v.strip());
                if (p < 0 || p > 65535) {
                    throw new NumberFormatException();
                }
                return p;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a port number (0-65535), was " + v);
            }
        }

        private static String[] user(String spec) {
            int colon = spec.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("a user is name:password (the password may contain ':')");
            }
            return new String[] {spec.substring(0, colon), spec.substring(colon + 1)};
        }

        private static Path file(String v, String name) {
            Path p = dataDir(v, name);
            if (!java.nio.file.Files.isReadable(p)) {
                throw new IllegalArgumentException(name + ": cannot read " + v);
            }
            return p;
        }

        private static Path dataDir(String v, String name) {
            if (v.isBlank()) {
                throw new IllegalArgumentException(name + " must name a directory, was empty");
            }
            try {
                return Path.of(v);
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException(name + " is not a valid path: " + e.getMessage());
            }
        }

        /** DuckDB is asked now, so that a bad size is a usage error naming the flag. */
        private static String memoryLimit(String v, String name) {
            DatabaseSettings.checkMemoryLimit(v.strip(), name);
            return v.strip();
        }

        private static int threads(String v, String name) {
            try {
                int n = Integer.parseInt(v.strip());
                if (n < 1) {
                    throw new NumberFormatException();
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a whole number of threads (1 or more), was " + v);
            }
        }

        private static ColumnShape shape(String v) {
            try {
                return ColumnShape.valueOf(v.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--column-shape is typed or names, was " + v);
            }
        }
    }
}
