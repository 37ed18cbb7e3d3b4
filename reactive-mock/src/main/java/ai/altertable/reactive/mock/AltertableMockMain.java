package ai.altertable.reactive.mock;

import ai.altertable.reactive.mock.internal.flight.ArrowJvmCheck;

import java.io.PrintStream;
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
 * --flight-port N          Flight SQL port (default 15002; env ALTERTABLE_MOCK_FLIGHT_PORT)
 * --user name:password     a user, repeatable (env ALTERTABLE_MOCK_USERS=alice:secret,bob:pw)
 * --host ADDRESS           interface to bind (default 0.0.0.0, as the official mock)
 * --column-shape typed|names   the /query columns line (default typed, the production shape)
 * </pre>
 *
 * When ready it prints one line containing {@code lakehouse=http://127.0.0.1:<port>} and
 * {@code flight=grpc://127.0.0.1:<port>}. Without any user, the default
 * user {@value AltertableMock#DEFAULT_USERNAME}:{@value AltertableMock#DEFAULT_PASSWORD} is configured (the official
 * mock would reject every request instead).
 */
public final class AltertableMockMain {

    static final int DEFAULT_LAKEHOUSE_PORT = 15000;
    static final int DEFAULT_FLIGHT_PORT = 15002;

    private AltertableMockMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Settings settings;
        try {
            settings = Settings.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("altertable-mock: " + e.getMessage());
            usage(System.err);
            System.exit(2);
            return;
        }
        if (settings.help) {
            usage(System.out);
            return;
        }
        String problem = ArrowJvmCheck.problem();
        if (problem != null) {
            System.err.println("altertable-mock: " + problem);
            System.exit(1);
            return;
        }
        AltertableMock mock = settings.builder().start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            mock.close();
            stopped.countDown();
        }, "altertable-mock-shutdown"));
        System.out.println(readyLine(mock));
        System.out.flush();
        stopped.await();
    }

    /** The one line printed when both servers listen; scripts wait for it and read the URLs from it. */
    static String readyLine(AltertableMock mock) {
        return "altertable-mock ready: lakehouse=http://127.0.0.1:" + mock.lakehousePort()
                + " flight=grpc://127.0.0.1:" + mock.flightPort() + " users=" + String.join(",", mock.usernames());
    }

    static void usage(PrintStream out) {
        out.println("usage: altertable-mock [--lakehouse-port N] [--flight-port N] [--user name:password]... "
                + "[--host ADDRESS] [--column-shape typed|names]");
        out.println("environment: ALTERTABLE_MOCK_USERS=alice:secret,bob:pw ALTERTABLE_MOCK_LAKEHOUSE_PORT="
                + DEFAULT_LAKEHOUSE_PORT + " ALTERTABLE_MOCK_FLIGHT_PORT=" + DEFAULT_FLIGHT_PORT);
    }

    /** Parsed command line and environment; flags beat environment variables. */
    static final class Settings {
        int lakehousePort = DEFAULT_LAKEHOUSE_PORT;
        int flightPort = DEFAULT_FLIGHT_PORT;
        String host = "0.0.0.0";
        ColumnShape shape = ColumnShape.TYPED;
        final List<String[]> users = new ArrayList<>();
        boolean help;

        static Settings parse(String[] args, Map<String, String> env) {
            Settings s = new Settings();
            s.lakehousePort = port(env.getOrDefault("ALTERTABLE_MOCK_LAKEHOUSE_PORT", "" + DEFAULT_LAKEHOUSE_PORT),
                    "ALTERTABLE_MOCK_LAKEHOUSE_PORT");
            s.flightPort = port(env.getOrDefault("ALTERTABLE_MOCK_FLIGHT_PORT", "" + DEFAULT_FLIGHT_PORT),
                    "ALTERTABLE_MOCK_FLIGHT_PORT");
            List<String[]> flagUsers = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--lakehouse-port": case "-p": s.lakehousePort = port(value(args, ++i, a), a); break;
                    case "--flight-port": s.flightPort = port(value(args, ++i, a), a); break;
                    case "--user": case "-u": flagUsers.add(user(value(args, ++i, a))); break;
                    case "--host": s.host = value(args, ++i, a); break;
                    case "--column-shape": s.shape = shape(value(args, ++i, a)); break;
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
            return s;
        }

        AltertableMock.Builder builder() {
            AltertableMock.Builder b = AltertableMock.builder().host(host).lakehousePort(lakehousePort)
                    .flightPort(flightPort).columnShape(shape);
            users.forEach(u -> b.user(u[0], u[1]));
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

        private static ColumnShape shape(String v) {
            try {
                return ColumnShape.valueOf(v.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--column-shape is typed or names, was " + v);
            }
        }
    }
}
