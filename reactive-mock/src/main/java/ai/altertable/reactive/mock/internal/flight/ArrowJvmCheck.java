package ai.altertable.reactive.mock.internal.flight;

import org.apache.arrow.memory.util.MemoryUtil;

/**
 * Whether the mock's Flight SQL endpoint can work in this JVM, checked before it starts.
 *
 * <p>Every DoGet writes Arrow record batches to gRPC, which wraps Arrow buffers in {@code java.nio} direct buffers
 * through a private JDK constructor; Arrow's {@link MemoryUtil} can use it only when the JVM runs with {@value #FLAG}.
 * Without it the mock would start, then fail every Flight query with {@code INVALID_ARGUMENT "Failed to query arrow"},
 * the very text a SQL error gets, so the mock refuses to start instead, with a message that names the flag. The check
 * asks Arrow itself, once per JVM, by creating an empty direct buffer the way a write does.
 */
public final class ArrowJvmCheck {

    /** The JVM option the Flight endpoint needs. */
    public static final String FLAG = "--add-opens=java.base/java.nio=ALL-UNNAMED";

    private static volatile Boolean available;

    private ArrowJvmCheck() {
    }

    /** The reason the Flight endpoint cannot run in this JVM, or {@code null} when it can. */
    public static String problem() {
        Boolean known = available;
        if (known == null) {
            known = probe();
            available = known;
        }
        return known ? null : "the Flight SQL endpoint cannot run in this JVM: Arrow needs " + FLAG + " to write "
                + "record batches (without it every Flight query would fail with INVALID_ARGUMENT \"Failed to query "
                + "arrow\"). Add it to the JVM's command line: `java " + FLAG + " ...`, or the JDK_JAVA_OPTIONS "
                + "environment variable; for tests, Maven Surefire's <argLine>" + FLAG + "</argLine> (Gradle: "
                + "test { jvmArgs '" + FLAG + "' }); for `mvn exec:java`, MAVEN_OPTS=\"" + FLAG + "\"; for "
                + "`mvn exec:exec`, an <argument> before -classpath; on the module path, "
                + "--add-opens=java.base/java.nio=org.apache.arrow.memory.core instead. (bin/altertable-mock passes it; "
                + "a mock built with withoutFlight() does not need it.)";
    }

    /** Fails with {@link #problem()} if the Flight endpoint cannot run here. */
    public static void require() {
        String problem = problem();
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
    }

    private static boolean probe() {
        try {
            MemoryUtil.directBuffer(0, 0); // what every write does per buffer; an empty buffer touches no memory
            return true;
        } catch (UnsupportedOperationException | LinkageError e) {
            return false;
        }
    }
}
