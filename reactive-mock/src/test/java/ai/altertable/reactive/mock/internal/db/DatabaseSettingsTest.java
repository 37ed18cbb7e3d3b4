package ai.altertable.reactive.mock.internal.db;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Each user's database file has a path of its own inside the data directory, whatever the user's name. */
class DatabaseSettingsTest {

    @Test
    void userNamesBecomeSafeDistinctDirectoryNames() {
        assertThat(DatabaseSettings.pathSegment("alice_2-b")).isEqualTo("alice_2-b");
        assertThat(DatabaseSettings.pathSegment("Alice")).isEqualTo("%41lice"); // distinct from alice, on any file system
        assertThat(DatabaseSettings.pathSegment("../etc")).isEqualTo("%2E%2E%2Fetc");
        assertThat(DatabaseSettings.pathSegment("a b%")).isEqualTo("a%20b%25");
        assertThat(DatabaseSettings.pathSegment("zoë")).isEqualTo("zo%C3%AB");
    }

    @Test
    void theFileIsNamedMemorySoThatItsCatalogIsMemory() {
        DatabaseSettings settings = new DatabaseSettings(Path.of("/data"), null);
        assertThat(settings.fileOf("alice")).isEqualTo(Path.of("/data/alice/memory.duckdb"));
        assertThat(DatabaseSettings.IN_MEMORY.fileOf("alice")).isNull();
        assertThat(DatabaseSettings.IN_MEMORY.url("alice")).isEqualTo("jdbc:duckdb:");
    }
}
