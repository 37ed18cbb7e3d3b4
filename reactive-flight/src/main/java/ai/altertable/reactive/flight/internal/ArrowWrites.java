package ai.altertable.reactive.flight.internal;

import ai.altertable.reactive.core.ConfigurationException;
import org.apache.arrow.memory.util.MemoryUtil;

/**
 * Whether Arrow can write record batches in this JVM, and the error that says what to do when it cannot.
 *
 * <p>Writing a record batch to gRPC (an ingest, a prepared statement's parameters) wraps Arrow buffers in
 * {@code java.nio} direct buffers through a private JDK constructor, which Arrow's {@link MemoryUtil} can use only when
 * the JVM runs with {@value #FLAG}. Without it every such write fails deep inside gRPC as {@code CANCELLED: Failed to
 * stream message}. Reading query results does not need the flag. {@link #available()} asks Arrow itself, once, by
 * creating an empty direct buffer the way a write does; uploads check it before anything is sent. A server whose own
 * JVM lacks the flag may pass Arrow's report of it on in its error text; {@link FlightErrors} then says so.
 */
public final class ArrowWrites {

    /** The JVM option Arrow needs for writes. */
    public static final String FLAG = "--add-opens=java.base/java.nio=ALL-UNNAMED";

    /** Where the flag goes; shared by every message about it. */
    static final String WHERE = "Add it to the JVM's command line: `java " + FLAG + " ...`, or the JDK_JAVA_OPTIONS "
            + "environment variable; for tests, Maven Surefire's <argLine>" + FLAG + "</argLine> (Gradle: "
            + "test { jvmArgs '" + FLAG + "' }); for `mvn exec:java`, MAVEN_OPTS=\"" + FLAG + "\"; for `mvn exec:exec`, "
            + "an <argument> before -classpath. On the module path, name Arrow's memory module instead: "
            + "--add-opens=java.base/java.nio=org.apache.arrow.memory.core";

    /** The message of a call that a server refused with Arrow's own report that the server's JVM lacks the flag. */
    static final String SERVER_MISSING_FLAG = "the Flight server cannot write Arrow data: its JVM needs " + FLAG
            + " (the server's problem, not the request's: start the server's JVM with it)";

    /** What Arrow's {@code MemoryUtil} says when the direct-buffer constructor is not accessible. */
    private static final String ARROW_SYMPTOM = "java.nio.DirectByteBuffer.<init>(long, int) not available";

    private static volatile Boolean available;

    private ArrowWrites() {
    }

    /** Whether Arrow can write record batches here (probed once per JVM). */
    public static boolean available() {
        Boolean known = available;
        if (known == null) {
            known = probe();
            available = known;
        }
        return known;
    }

    private static boolean probe() {
        try {
            MemoryUtil.directBuffer(0, 0); // what every write does per buffer; an empty buffer touches no memory
            return true;
        } catch (UnsupportedOperationException | LinkageError e) {
            return false;
        }
    }

    /** Fails with {@link #missingFlag()} unless Arrow can write here. */
    public static void require() {
        if (!available()) {
            throw missingFlag();
        }
    }

    /** The failure of a write in a JVM without {@value #FLAG}. */
    public static ConfigurationException missingFlag() {
        return new ConfigurationException("Arrow cannot write record batches in this JVM: it needs " + FLAG
                + " (ingest and prepared-statement parameters send Arrow data; reading results does not). " + WHERE
                + ".");
    }

    /** Whether a server's error text is Arrow's report that the server's JVM cannot write. */
    static boolean isServerSymptom(String description) {
        return description != null
                && (description.contains(ARROW_SYMPTOM) || description.contains("--add-opens=java.base/java.nio"));
    }
}
