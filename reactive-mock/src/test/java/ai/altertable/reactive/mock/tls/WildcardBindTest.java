package ai.altertable.reactive.mock.tls;

import ai.altertable.reactive.mock.AltertableMock;
import ai.altertable.reactive.mock.internal.ConnectAddress;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A mock bound to all interfaces (a container's {@code --host 0.0.0.0}) gives URLs a client on this machine can use:
 * the loopback address, which its generated certificate lists, never the wildcard address, which a client cannot
 * connect to (and no certificate names).
 */
class WildcardBindTest {

    /** Not a well-known password: a mock beyond loopback refuses those. */
    private static final String PASSWORD = "wildcard-bind-7f3c1e";

    @Test
    void allIpv4InterfacesAreReachedThrough127001() throws Exception {
        try (AltertableMock mock = AltertableMock.builder().host("0.0.0.0").user("alice", PASSWORD).tls().start()) {
            assertThat(mock.baseUrl()).hasToString("https://127.0.0.1:" + mock.lakehousePort());
            assertThat(mock.flightUri()).hasToString("grpc+tls://127.0.0.1:" + mock.flightPort());
            assertSelect42OverBoth(mock);
        }
    }

    @Test
    void allIpv6InterfacesAreReachedThroughTheIpv6Loopback() throws Exception {
        assumeTrue(ipv6LoopbackWorks(), "this machine has no IPv6 loopback");
        try (AltertableMock mock = AltertableMock.builder().host("::").user("alice", PASSWORD).tls().start()) {
            assertThat(mock.baseUrl()).hasToString("https://[::1]:" + mock.lakehousePort());
            assertThat(mock.flightUri()).hasToString("grpc+tls://[::1]:" + mock.flightPort());
            assertSelect42OverBoth(mock);
        }
    }

    @Test
    void namesAndOtherAddressesStayAsGiven() {
        assertThat(ConnectAddress.uriHost("0.0.0.0")).isEqualTo("127.0.0.1");
        assertThat(ConnectAddress.uriHost("::")).isEqualTo("[::1]");
        assertThat(ConnectAddress.uriHost("[::]")).isEqualTo("[::1]");
        assertThat(ConnectAddress.uriHost("0:0:0:0:0:0:0:0")).as("as Netty reports ::").isEqualTo("[::1]");
        assertThat(ConnectAddress.uriHost("::1")).isEqualTo("[::1]");
        assertThat(ConnectAddress.uriHost("127.0.0.1")).isEqualTo("127.0.0.1");
        assertThat(ConnectAddress.uriHost("10.1.2.3")).isEqualTo("10.1.2.3");
        assertThat(ConnectAddress.uriHost("localhost")).isEqualTo("localhost");
        assertThat(ConnectAddress.uriHost("mock.internal")).as("never resolved").isEqualTo("mock.internal");
    }

    /** REST with the JDK's client at {@link AltertableMock#baseUrl()}, Flight with Arrow's at its flightUri. */
    private static void assertSelect42OverBoth(AltertableMock mock) throws Exception {
        assertThat(TlsClients.select42(mock, TlsClients.context(mock.caCertificate(), null))).contains("\n[42]\n");
        try (InputStream trust = Files.newInputStream(mock.caCertificateFile())) {
            assertThat(TlsClients.flightSelect42(mock, trust, null)).isEqualTo(42);
        }
    }

    private static boolean ipv6LoopbackWorks() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("::1"))) {
            return s.getLocalPort() > 0;
        } catch (IOException e) {
            return false;
        }
    }
}
