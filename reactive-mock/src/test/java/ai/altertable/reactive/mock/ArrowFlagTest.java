package ai.altertable.reactive.mock;

import ai.altertable.reactive.testsupport.ForkedJvm;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without {@code --add-opens=java.base/java.nio=ALL-UNNAMED} Arrow cannot write record batches, so every Flight query
 * of a mock started in such a JVM would fail with {@code "Failed to query arrow"}, the text of a SQL error. Instead the
 * mock refuses to start its Flight endpoint, with a message naming the flag and where it goes. Checked in a JVM forked
 * without the flag (these tests themselves run with it).
 */
class ArrowFlagTest {

    private static final String FLAG = "--add-opens=java.base/java.nio=ALL-UNNAMED";
    private static final Duration LIMIT = Duration.ofMinutes(3); // only a hang reaches it

    @Test
    void theBuilderRefusesFlightWithoutTheFlagAndNamesIt() {
        ForkedJvm.Result r = ForkedJvm.run(ArrowFlagStartups.class, List.of(), LIMIT);

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).as(r.toString()).contains("without Flight: started at http://127.0.0.1:");
        assertThat(r.stdout()).as(r.toString()).contains("with Flight: refused: the Flight SQL endpoint cannot run "
                + "in this JVM: Arrow needs " + FLAG);
        assertNamesWhereTheFlagGoes(r.stdout(), r);
    }

    @Test
    void theCommandLineMockExitsWithTheMessage() {
        ForkedJvm.Result r = ForkedJvm.run(AltertableMockMain.class,
                List.of("--lakehouse-port", "0", "--flight-port", "0"), LIMIT);

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.stdout()).as(r.toString()).doesNotContain("altertable-mock ready");
        assertThat(r.stderr()).as(r.toString()).startsWith("altertable-mock: the Flight SQL endpoint cannot run in "
                + "this JVM");
        assertNamesWhereTheFlagGoes(r.stderr(), r);
    }

    private static void assertNamesWhereTheFlagGoes(String text, ForkedJvm.Result r) {
        assertThat(text).as(r.toString()).contains("java " + FLAG, "<argLine>" + FLAG + "</argLine>",
                "MAVEN_OPTS=\"" + FLAG + "\"", "JDK_JAVA_OPTIONS", "withoutFlight()",
                "--add-opens=java.base/java.nio=org.apache.arrow.memory.core");
    }
}
