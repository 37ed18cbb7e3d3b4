package ai.altertable.reactive.mock;

import java.util.Map;

/**
 * Run in a forked JVM by {@link SafeDefaultsTest}: the command line's start-up (no user, so a generated password) with
 * the ready line, a refused and an accepted request, then a clean stop, so that the test can read every line the
 * process wrote, logs included.
 */
public final class SafeDefaultsStartup {

    private SafeDefaultsStartup() {
    }

    public static void main(String[] args) {
        AltertableMockMain.Settings s = AltertableMockMain.Settings.parse(args, Map.of());
        try (AltertableMock mock = s.builder().withoutFlight().start()) {
            System.out.println(AltertableMockMain.readyLine(mock, s.generatedPassword));
            RawHttp http = new RawHttp(mock);
            if (http.as("Basic eDp5").sql("SELECT 1").status() != 401) {
                throw new AssertionError("a wrong password was accepted");
            }
            if (!http.sql("SELECT 42 AS answer").lines().get(2).equals("[42]")) {
                throw new AssertionError("the generated password was refused");
            }
        }
        System.err.println("SafeDefaultsStartup: done");
    }
}
