package ai.altertable.reactive.mock;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AltertableMockMainTest {

    @Test
    void defaultsAreTheOfficialMocksPorts() {
        AltertableMockMain.Settings s = AltertableMockMain.Settings.parse(new String[0], Map.of());
        assertThat(s.lakehousePort).isEqualTo(15000);
        assertThat(s.flightPort).isEqualTo(15002);
        assertThat(s.users).isEmpty();
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
            assertThat(AltertableMockMain.readyLine(mock)).isEqualTo("altertable-mock ready: lakehouse=http://127.0.0.1:"
                    + mock.lakehousePort() + " flight=grpc://127.0.0.1:" + mock.flightPort() + " users=carol,dan");
        }
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
    }
}
