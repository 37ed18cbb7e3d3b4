package ai.altertable.reactive.mock;

import ai.altertable.reactive.core.Credentials;
import ai.altertable.reactive.mock.internal.Exposure;
import ai.altertable.reactive.testsupport.ForkedJvm;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A mock is closed by default: loopback, a random password, and no well-known password beyond loopback. */
class SafeDefaultsTest {

    private static final Duration LIMIT = Duration.ofMinutes(3);
    /** What the standalone mock's JVM needs for Flight (bin/altertable-mock passes it). */
    private static final String ARROW_FLAG = "--add-opens=java.base/java.nio=ALL-UNNAMED";

    @Test
    void theEmbeddedMockBindsLoopbackWithItsFixedTestUser() {
        try (AltertableMock mock = AltertableMock.builder().withoutFlight().start()) {
            assertThat(mock.baseUrl().getHost()).isEqualTo("127.0.0.1");
            assertThat(mock.credentials()).isEqualTo(Credentials.basic(AltertableMock.DEFAULT_USERNAME,
                    AltertableMock.DEFAULT_PASSWORD));
        }
    }

    @Test
    void beyondLoopbackAWellKnownPasswordRefusesToStart() {
        for (String password : List.of(AltertableMock.DEFAULT_PASSWORD, "secret", "", "alice")) {
            assertThatThrownBy(() -> AltertableMock.builder().host("0.0.0.0").user("alice", password).withoutFlight()
                    .start())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("refusing to listen on 0.0.0.0")
                    .hasMessageContaining("user 'alice'");
        }
        // the same passwords are fine on loopback: nothing else can connect
        try (AltertableMock mock = AltertableMock.builder().host("localhost").user("alice", "secret").withoutFlight()
                .start()) {
            assertThat(mock.usernames()).containsExactly("alice");
        }
    }

    @Test
    void beyondLoopbackTheDefaultUserGetsARandomPassword() {
        try (AltertableMock mock = AltertableMock.builder().host("0.0.0.0").withoutFlight().start()) {
            assertThat(mock.usernames()).containsExactly(AltertableMock.DEFAULT_USERNAME);
            assertThat(mock.credentials()).isNotEqualTo(Credentials.basic(AltertableMock.DEFAULT_USERNAME,
                    AltertableMock.DEFAULT_PASSWORD));
            assertThat(mock.baseUrl()).hasToString("http://127.0.0.1:" + mock.lakehousePort());
            assertThat(new RawHttp(mock).sql("SELECT 42 AS answer").lines().get(2)).isEqualTo("[42]");
        }
    }

    @Test
    void loopbackIsRecognised() {
        assertThat(Exposure.isLoopback("127.0.0.1")).isTrue();
        assertThat(Exposure.isLoopback("127.0.0.2")).isTrue();
        assertThat(Exposure.isLoopback("localhost")).isTrue();
        assertThat(Exposure.isLoopback("::1")).isTrue();
        assertThat(Exposure.isLoopback("[::1]")).isTrue();
        assertThat(Exposure.isLoopback("0.0.0.0")).isFalse();
        assertThat(Exposure.isLoopback("::")).isFalse();
        assertThat(Exposure.randomPassword()).hasSize(22).isNotEqualTo(Exposure.randomPassword());
    }

    @Test
    void theCommandLineRefusesAWellKnownPasswordBeyondLoopback() {
        ForkedJvm.Result r = ForkedJvm.run(AltertableMockMain.class,
                List.of("--host", "0.0.0.0", "--user", "ci:secret", "--lakehouse-port", "0", "--flight-port", "0"),
                LIMIT);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.stderr()).contains("refusing to listen on 0.0.0.0").contains("user 'ci'")
                .doesNotContain("secret");
        assertThat(r.stdout()).doesNotContain("ready");
    }

    @Test
    void theGeneratedPasswordIsPrintedOnceInTheReadyLineAndNeverLogged() {
        // the standalone mock's own main, Flight included, from start to stop (SafeDefaultsStartup)
        ForkedJvm.Result r = ForkedJvm.run(SafeDefaultsStartup.class, List.of(ARROW_FLAG),
                List.of("--lakehouse-port", "0", "--flight-port", "0"), LIMIT);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        String ready = r.stdout().lines().filter(l -> l.startsWith("altertable-mock ready:")).findFirst().orElseThrow();
        String password = ready.substring(ready.indexOf(" password=") + " password=".length()).split(" ")[0];
        assertThat(password).hasSize(22);
        assertThat(r.stdout().split(password, -1)).as("printed once").hasSize(2);
        assertThat(r.stderr()).as("logs").doesNotContain(password).contains("SafeDefaultsStartup: done");
        assertThat(ready).contains("lakehouse=http://127.0.0.1:").contains(" flight=grpc://127.0.0.1:")
                .contains("users=altertable password=");
    }

    @Test
    void theReadyLineGivesAddressesAClientConnectsTo() {
        try (AltertableMock mock = AltertableMock.builder().host("0.0.0.0").user("u", "not-a-known-one-5b1f").start()) {
            assertThat(AltertableMockMain.readyLine(mock, null)).startsWith("altertable-mock ready: lakehouse=http://"
                    + "127.0.0.1:" + mock.lakehousePort() + " flight=grpc://127.0.0.1:" + mock.flightPort() + " ");
        }
        try (AltertableMock mock = AltertableMock.builder().host("::1").start()) {
            String ready = AltertableMockMain.readyLine(mock, null);
            assertThat(ready).startsWith("altertable-mock ready: lakehouse=http://[::1]:" + mock.lakehousePort()
                    + " flight=grpc://[::1]:" + mock.flightPort() + " ");
            URI lakehouse = URI.create(ready.split(" ")[2].substring("lakehouse=".length()));
            assertThat(new RawHttp(lakehouse, mock.credentials().authorizationHeader()).sql("SELECT 42 AS answer")
                    .lines().get(2)).isEqualTo("[42]");
        }
    }

    @Test
    void theReadyLineNamesTheTlsEndpointsAndTheCaFile() {
        AltertableMockMain.Settings s = AltertableMockMain.Settings.parse(new String[] {"--tls", "--lakehouse-port",
            "0", "--user", "u:p"}, Map.of());
        assertThat(s.generatedPassword).isNull();
        try (AltertableMock mock = s.builder().withoutFlight().start()) {
            assertThat(AltertableMockMain.readyLine(mock, null)).isEqualTo("altertable-mock ready: lakehouse=https://"
                    + "127.0.0.1:" + mock.lakehousePort() + " users=u ca=" + mock.caCertificateFile());
        }
        try (AltertableMock mock = s.builder().start()) {
            assertThat(AltertableMockMain.readyLine(mock, null)).contains(" flight=grpc+tls://127.0.0.1:"
                    + mock.flightPort() + " ");
        }
        assertThatThrownBy(() -> AltertableMockMain.Settings.parse(new String[] {"--tls-cert", "pom.xml"}, Map.of()))
                .hasMessageContaining("--tls-cert and --tls-key go together");
    }
}
