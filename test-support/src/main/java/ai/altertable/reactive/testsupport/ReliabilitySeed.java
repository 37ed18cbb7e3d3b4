package ai.altertable.reactive.testsupport;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

import java.util.Random;

/**
 * The one seed of the reliability suites: {@code -Dreliability.seed=N} (Maven passes it to the test JVMs), default
 * {@value #DEFAULT}. Every random choice of a reliability test comes from {@link #random(String)}, so a failure
 * reproduces with the same seed. Registered on a test class ({@code @ExtendWith(ReliabilitySeed.class)}), it puts the
 * seed into the message of every failure.
 */
public final class ReliabilitySeed implements TestExecutionExceptionHandler {

    /** The system property that sets the seed. */
    public static final String PROPERTY = "reliability.seed";
    /** The seed when the property is not set. */
    public static final long DEFAULT = 20_260_611L;

    /** The seed in force. */
    public static long seed() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            return DEFAULT;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PROPERTY + " must be a long, was " + value, e);
        }
    }

    /** A generator for one named stream of choices, fixed by the seed and the name (so tests do not share one). */
    public static Random random(String stream) {
        return new Random(seed() * 0x9E3779B97F4A7C15L ^ stream.hashCode());
    }

    /** How to run again with this seed, for failure messages. */
    public static String reproduce() {
        return "-D" + PROPERTY + "=" + seed();
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        if (failure instanceof AssertionError) {
            AssertionError seeded = new AssertionError("[" + reproduce() + "] " + failure.getMessage(), failure);
            seeded.setStackTrace(failure.getStackTrace());
            throw seeded;
        }
        failure.addSuppressed(new Throwable("reproduce with " + reproduce()));
        throw failure;
    }
}
