package ai.altertable.reactive.mock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code dataDir}: one DuckDB file per user, whose tables are there again after a restart over the same directory;
 * {@code memoryLimit}: DuckDB's {@code memory_limit} of every user's database; bad values fail at once, saying why.
 */
class StorageSettingsTest {

    @Test
    void aUsersTablesSurviveARestartOverTheSameDataDirectory(@TempDir Path dir) {
        try (AltertableMock mock = storing(dir)) {
            RawHttp alice = new RawHttp(mock);
            assertThat(alice.sql("CREATE TABLE kept (id INTEGER, name VARCHAR)").status()).isEqualTo(200);
            assertThat(alice.post("/append?catalog=memory&schema=main&table=kept&sync=true", "application/json",
                    "[{\"id\":1,\"name\":\"first\"},{\"id\":2,\"name\":\"second\"}]").body()).contains("\"ok\":true");
            RawHttp bob = alice.as(mock.credentials("bob").authorizationHeader());
            assertThat(bob.sql("CREATE TABLE bobs AS SELECT 42 AS answer").status()).isEqualTo(200);
            // the catalog is still called memory, as clients name it
            assertThat(alice.sql("SELECT current_database() AS db").lines().get(2)).isEqualTo("[\"memory\"]");
        }
        assertThat(dir.resolve("alice").resolve("memory.duckdb")).isRegularFile();
        assertThat(dir.resolve("bob").resolve("memory.duckdb")).isRegularFile();

        try (AltertableMock again = storing(dir)) {
            RawHttp alice = new RawHttp(again);
            assertThat(alice.sql("SELECT id, name FROM memory.main.kept ORDER BY id").lines())
                    .hasSize(4).endsWith("[1,\"first\"]", "[2,\"second\"]");
            RawHttp bob = alice.as(again.credentials("bob").authorizationHeader());
            assertThat(bob.sql("SELECT answer FROM bobs").lines().get(2)).isEqualTo("[42]");
            assertThat(bob.sql("SELECT * FROM kept").body()).contains("Table with name kept does not exist");
        }
    }

    @Test
    void withoutADataDirectoryNothingIsKept() {
        try (AltertableMock mock = AltertableMock.builder().withoutFlight().start()) {
            RawHttp http = new RawHttp(mock);
            http.sql("CREATE TABLE gone AS SELECT 1 AS x");
        }
        try (AltertableMock mock = AltertableMock.builder().withoutFlight().start()) {
            assertThat(new RawHttp(mock).sql("SELECT x FROM gone").body()).contains("does not exist");
        }
    }

    @Test
    void theMemoryLimitIsDuckDbsSetting(@TempDir Path dir) {
        try (AltertableMock mock = AltertableMock.builder().withoutFlight().memoryLimit("512MiB").start()) {
            assertThat(new RawHttp(mock).sql("SELECT current_setting('memory_limit') AS m").lines().get(2))
                    .isEqualTo("[\"512.0 MiB\"]");
        }
        try (AltertableMock mock = AltertableMock.builder().withoutFlight().dataDir(dir).memoryLimit("256MiB")
                .start()) {
            assertThat(new RawHttp(mock).sql("SELECT current_setting('memory_limit') AS m").lines().get(2))
                    .isEqualTo("[\"256.0 MiB\"]");
        }
    }

    @Test
    void badSettingsFailAtOnceSayingWhy(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> AltertableMock.builder().memoryLimit("plenty"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("memoryLimit \"plenty\" is not a size DuckDB accepts (")
                .hasMessageEndingWith("); use a size such as 2GB, 512MiB or 50%");
        assertThatThrownBy(() -> AltertableMock.builder().memoryLimit(""))
                .hasMessage("memoryLimit must be a size such as 2GB, 512MiB or 50%, was empty");
        Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
        assertThatThrownBy(() -> AltertableMock.builder().withoutFlight().dataDir(file).start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("data directory " + file + " cannot be created");
    }

    private static AltertableMock storing(Path dir) {
        return AltertableMock.builder().withoutFlight().user("alice", "secret").user("bob", "builder").dataDir(dir)
                .start();
    }
}
