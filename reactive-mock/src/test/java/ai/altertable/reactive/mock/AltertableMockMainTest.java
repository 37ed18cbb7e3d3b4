package ai.altertable.reactive.mock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AltertableMockMainTest {

    @Test
    void defaultsAreTheOfficialMocksPorts() {
        AltertableMockMain.Settings s = AltertableMockMain.Settings.parse(new String[0], Map.of());
        assertThat(s.lakehousePort).isEqualTo(15000);
        assertThat(s.flightPort).isEqualTo(15002);
        assertThat(s.users).extracting(u -> u[0]).containsExactly(AltertableMock.DEFAULT_USERNAME);
        assertThat(s.generatedPassword).hasSize(22).isNotEqualTo(AltertableMock.DEFAULT_PASSWORD);
        assertThat(s.host).isEqualTo("127.0.0.1");
        assertThat(s.shape).isEqualTo(ColumnShape.TYPED);
    }

    @Test
    void environmentIsRead() {
        AltertableMockMain.Settings s = AltertableMockMain.Settings.parse(new String[0], Map.of(
                "ALTERTABLE_MOCK_USERS", "alice:secret, bob:p:w",
                "ALTERTABLE_MOCK_LAKEHOUSE_PORT", "16000",
                "ALTERTABLE_MOCK_FLIGHT_PORT", "16002"));
        assertThat(s.lakehousePort).isEqualTo(16000);
        assertThat(s.flightPort).isEqualTo(16002);
        assertThat(s.users).extracting(u -> u[0] + "=" + u[1]).containsExactly("alice=secret", "bob=p:w");
    }

    @Test
    void flagsBeatEnvironment() {
        AltertableMockMain.Settings s = AltertableMockMain.Settings.parse(
                new String[] {"--lakehouse-port", "0", "--flight-port", "0", "--user", "carol:x", "-u", "dan:y",
                    "--column-shape", "names"},
                Map.of("ALTERTABLE_MOCK_USERS", "alice:secret", "ALTERTABLE_MOCK_LAKEHOUSE_PORT", "16000"));
        assertThat(s.lakehousePort).isZero();
        assertThat(s.users).extracting(u -> u[0]).containsExactly("carol", "dan");
        assertThat(s.shape).isEqualTo(ColumnShape.NAMES);
        try (AltertableMock mock = s.builder().host("127.0.0.1").start()) {
            assertThat(mock.usernames()).containsExactly("carol", "dan");
            assertThat(mock.lakehousePort()).isPositive();
            assertThat(mock.flightPort()).isPositive().isNotEqualTo(mock.lakehousePort());
            assertThat(AltertableMockMain.readyLine(mock, null)).isEqualTo("altertable-mock ready: lakehouse=http://127.0.0.1:"
                    + mock.lakehousePort() + " flight=grpc://127.0.0.1:" + mock.flightPort() + " users=carol,dan");
        }
    }

    @Test
    void postgresStartsOnlyWhenAskedForAndJoinsTheReadyLine() {
        assertThat(AltertableMockMain.Settings.parse(new String[0], Map.of()).postgresPort).isNull();
        assertThat(AltertableMockMain.Settings.parse(new String[0], Map.of("ALTERTABLE_MOCK_POSTGRES_PORT", "15432"))
                .postgresPort).isEqualTo(15432);
        AltertableMockMain.Settings s = AltertableMockMain.Settings.parse(new String[] {"-p", "0", "-f", "0",
                "--postgres-port", "0", "-u", "carol:pw1"}, Map.of("ALTERTABLE_MOCK_POSTGRES_PORT", "15432"));
        assertThat(s.postgresPort).isZero();
        try (AltertableMock mock = s.builder().start()) {
            assertThat(AltertableMockMain.readyLine(mock, null)).isEqualTo("altertable-mock ready: lakehouse=http://127.0.0.1:"
                    + mock.lakehousePort() + " flight=grpc://127.0.0.1:" + mock.flightPort()
                    + " postgres=postgresql://127.0.0.1:" + mock.postgresPort() + " users=carol");
        }
        AltertableMockMain.Settings none = AltertableMockMain.Settings.parse(new String[] {"-p", "0", "-f", "0"}, Map.of());
        try (AltertableMock mock = none.builder().start()) {
            assertThat(mock.hasPostgres()).isFalse();
        }
        assertThatThrownBy(() -> AltertableMockMain.Settings.parse(new String[] {"--postgres-port", "x"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theOfficialMocksFlagsThatApplyAreAccepted() {
        AltertableMockMain.Settings s = AltertableMockMain.Settings.parse(
                new String[] {"-p", "16000", "-f", "16002", "--analytics-port", "16001"}, Map.of());
        assertThat(s.lakehousePort).isEqualTo(16000);
        assertThat(s.flightPort).isEqualTo(16002);
        assertThat(s.notes).containsExactly(AltertableMockMain.ANALYTICS_IGNORED);
        assertThat(AltertableMockMain.ANALYTICS_IGNORED).doesNotContain("\n").contains("--analytics-port is ignored");
        assertThat(AltertableMockMain.Settings.parse(new String[] {"-f", "0"}, Map.of()).notes).isEmpty();
        assertThatThrownBy(() -> AltertableMockMain.Settings.parse(new String[] {"--analytics-port", "x"}, Map.of()))
                .hasMessageContaining("--analytics-port must be a port number");
        assertThatThrownBy(() -> AltertableMockMain.Settings.parse(new String[] {"-f"}, Map.of()))
                .hasMessageContaining("-f needs a value");
    }

    @Test
    void storageAndThreadSettingsComeFromFlagsOrEnvironment(@TempDir Path dir) {
        AltertableMockMain.Settings env = AltertableMockMain.Settings.parse(new String[0], Map.of(
                "ALTERTABLE_MOCK_DATA_DIR", dir.toString(), "ALTERTABLE_MOCK_MEMORY_LIMIT", "256MiB",
                "ALTERTABLE_MOCK_DB_THREADS", "3"));
        assertThat(env.dataDir).isEqualTo(dir);
        assertThat(env.memoryLimit).isEqualTo("256MiB");
        assertThat(env.dbThreads).isEqualTo(3);
        AltertableMockMain.Settings s = AltertableMockMain.Settings.parse(new String[] {"--data-dir",
            dir.resolve("flags").toString(), "--memory-limit", "300MiB", "--db-threads", "2", "--lakehouse-port", "0",
            "--flight-port", "0"}, Map.of("ALTERTABLE_MOCK_MEMORY_LIMIT", "256MiB", "ALTERTABLE_MOCK_DB_THREADS", "3"));
        assertThat(s.dataDir).isEqualTo(dir.resolve("flags"));
        assertThat(s.memoryLimit).isEqualTo("300MiB");
        assertThat(s.dbThreads).isEqualTo(2);
        try (AltertableMock mock = s.builder().host("127.0.0.1").withoutFlight().start()) {
            RawHttp http = new RawHttp(mock);
            assertThat(http.sql("SELECT current_setting('memory_limit') AS m").lines().get(2))
                    .isEqualTo("[\"300.0 MiB\"]");
        }
        assertThat(dir.resolve("flags").resolve("altertable").resolve("memory.duckdb")).isRegularFile();
        AltertableMockMain.Settings none = AltertableMockMain.Settings.parse(new String[0], Map.of());
        assertThat(none.dataDir).isNull();
        assertThat(none.memoryLimit).isNull();
        assertThat(none.dbThreads).isNull();
    }

    @Test
    void badArgumentsAreExplained() {
        assertThatThrownBy(() -> AltertableMockMain.Settings.parse(new String[] {"--lakehouse-port", "x"}, Map.of()))
                .hasMessageContaining("--lakehouse-port must be a port number");
        assertThatThrownBy(() -> AltertableMockMain.Settings.parse(new String[] {"--user", "nopassword"}, Map.of()))
                .hasMessageContaining("name:password");
        assertThatThrownBy(() -> AltertableMockMain.Settings.parse(new String[] {"--bogus"}, Map.of()))
                .hasMessageContaining("unknown argument");
        assertThatThrownBy(() -> AltertableMockMain.Settings.parse(new String[] {"--user"}, Map.of()))
                .hasMessageContaining("needs a value");
        assertThatThrownBy(() -> AltertableMockMain.Settings.parse(new String[] {"--db-threads", "0"}, Map.of()))
                .hasMessage("--db-threads must be a whole number of threads (1 or more), was 0");
        assertThatThrownBy(() -> AltertableMockMain.Settings.parse(new String[0],
                Map.of("ALTERTABLE_MOCK_DB_THREADS", "many")))
                .hasMessageContaining("ALTERTABLE_MOCK_DB_THREADS must be a whole number");
        assertThatThrownBy(() -> AltertableMockMain.Settings.parse(new String[] {"--memory-limit", "lots"}, Map.of()))
                .hasMessageStartingWith("--memory-limit \"lots\" is not a size DuckDB accepts (")
                .hasMessageEndingWith("); use a size such as 2GB, 512MiB or 50%");
        assertThatThrownBy(() -> AltertableMockMain.Settings.parse(new String[0],
                Map.of("ALTERTABLE_MOCK_MEMORY_LIMIT", "2 gigs")))
                .hasMessageStartingWith("ALTERTABLE_MOCK_MEMORY_LIMIT \"2 gigs\" is not a size DuckDB accepts");
        assertThatThrownBy(() -> AltertableMockMain.Settings.parse(new String[] {"--data-dir", " "}, Map.of()))
                .hasMessage("--data-dir must name a directory, was empty");
    }
}
