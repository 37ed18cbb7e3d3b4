package ai.altertable.reactive.mock;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The real psql against the mock's Postgres endpoint: a query and the meta-commands {@code \dt} and {@code \d}. */
class PsqlClientTest {

    private static AltertableMock mock;

    @BeforeAll
    static void start() {
        mock = AltertableMock.builder().user("alice", "s3cret-pw").withoutFlight().start();
    }

    @AfterAll
    static void stop() {
        mock.close();
    }

    private static boolean psqlOnPath() {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (new File(dir, "psql").canExecute()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Runs {@code psql -X -c command}; returns its output, after asserting it exited 0. */
    private static String psql(String command) throws IOException, InterruptedException {
        assumeTrue(psqlOnPath(), "psql is not on the PATH: the psql client test is skipped");
        String uri = "postgresql://alice@127.0.0.1:" + mock.postgresPort() + "/memory";
        ProcessBuilder pb = new ProcessBuilder("psql", "-X", "-v", "ON_ERROR_STOP=1", uri, "-c", command)
                .redirectErrorStream(true);
        pb.environment().put("PGPASSWORD", "s3cret-pw");
        pb.environment().put("PGCONNECT_TIMEOUT", "60");
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("psql ended").isTrue(); // a safety net only
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void selectAndMetaCommands() throws Exception {
        assertThat(psql("SELECT 41 + 1 AS answer")).contains("answer").contains("42").contains("(1 row)");
        psql("CREATE TABLE psql_t (id INTEGER PRIMARY KEY, name VARCHAR NOT NULL, score DOUBLE DEFAULT 1.5)");
        String tables = psql("\\dt");
        assertThat(tables).contains("List of relations").containsPattern("main\\s+\\|\\s+psql_t\\s+\\|\\s+table\\s+\\|\\s+alice");
        String table = psql("\\d psql_t");
        assertThat(table).contains("Table \"main.psql_t\"")
                .containsPattern("id\\s+\\|\\s+integer\\s+\\|\\s+\\|\\s+not null")
                .containsPattern("name\\s+\\|\\s+character varying\\s+\\|\\s+\\|\\s+not null")
                .containsPattern("score\\s+\\|\\s+double precision\\s+\\|\\s+\\|\\s+\\|\\s+1.5");
        assertThat(psql("\\dn")).containsPattern("main\\s+\\|\\s+alice");
    }
}
