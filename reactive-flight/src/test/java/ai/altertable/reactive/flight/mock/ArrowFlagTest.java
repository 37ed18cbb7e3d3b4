package ai.altertable.reactive.flight.mock;

import ai.altertable.reactive.testsupport.ForkedJvm;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client in a JVM without {@code --add-opens=java.base/java.nio=ALL-UNNAMED} reads fine, but Arrow cannot write
 * record batches there: an ingest or a prepared statement's parameters fail, before anything is sent, with a
 * {@code ConfigurationException} that names the flag and where it goes (instead of {@code CANCELLED: Failed to stream
 * message}). The client runs in a forked JVM (these tests themselves run with the flag); the mock runs here.
 */
class ArrowFlagTest extends MockTestSupport {

    private static final String FLAG = "--add-opens=java.base/java.nio=ALL-UNNAMED";
    private static final String REFUSED = "ai.altertable.reactive.core.ConfigurationException: Arrow cannot write "
            + "record batches in this JVM: it needs " + FLAG;

    @Test
    void writesFailWithAMessageNamingTheFlagAndReadsStillWork() {
        ForkedJvm.Result r = ForkedJvm.run(ArrowFlagWrites.class,
                List.of(mock.flightUri().toString(), USER, PASSWORD, table, "SELECT 41 + 1 AS n"), Duration.ofMinutes(3));

        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<String> lines = r.stdout().lines().toList();
        assertThat(lines).as(r.toString()).contains("query: ok: 42");
        for (String write : List.of("ingest", "prepared")) {
            String line = lines.stream().filter(l -> l.startsWith(write + ": ")).findFirst().orElseThrow();
            assertThat(line).as(r.toString()).startsWith(write + ": " + REFUSED)
                    .contains("java " + FLAG, "<argLine>" + FLAG + "</argLine>", "MAVEN_OPTS=\"" + FLAG + "\"",
                            "JDK_JAVA_OPTIONS", "--add-opens=java.base/java.nio=org.apache.arrow.memory.core");
        }
        // the ingest did not create the table
        assertThat(client.query("SELECT count(*) AS n FROM information_schema.tables WHERE table_name = '" + table
                + "'").map(row -> row.getLong("n")).blockFirst(TIMEOUT)).isZero();
    }
}
