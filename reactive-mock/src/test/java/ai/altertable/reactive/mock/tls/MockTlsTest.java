package ai.altertable.reactive.mock.tls;

import ai.altertable.reactive.mock.AltertableMock;
import ai.altertable.reactive.mock.ClientCertificate;
import ai.altertable.reactive.mock.internal.tls.CertificateAuthority;
import ai.altertable.reactive.mock.internal.tls.IssuedCertificate;
import ai.altertable.reactive.mock.internal.tls.Pem;
import org.apache.arrow.flight.FlightRuntimeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The mock's TLS: every endpoint, the generated CA, the user's own certificate, mutual TLS. */
class MockTlsTest {

    @Test
    void everyEndpointServesTlsWithTheGeneratedCertificate() throws Exception {
        try (AltertableMock mock = AltertableMock.builder().tls().start()) {
            assertThat(mock.baseUrl().toString()).startsWith("https://127.0.0.1:");
            assertThat(mock.flightUri().toString()).startsWith("grpc+tls://127.0.0.1:");
            X509Certificate ca = mock.caCertificate();
            assertThat(Pem.readCertificates(mock.caCertificateFile(), "ca")).containsExactly(ca);
            assertThat(TlsClients.select42(mock, TlsClients.context(ca, null))).contains("\n[42]\n");
            try (InputStream trust = Files.newInputStream(mock.caCertificateFile())) {
                assertThat(TlsClients.flightSelect42(mock, trust, null)).isEqualTo(42);
            }
        }
    }

    @Test
    void theGeneratedFilesGoWithTheMock() {
        Path ca;
        try (AltertableMock mock = AltertableMock.builder().tls().withoutFlight().start()) {
            ca = mock.caCertificateFile();
            assertThat(ca).isRegularFile();
        }
        assertThat(ca).doesNotExist();
        assertThat(ca.getParent()).doesNotExist();
    }

    @Test
    void aClientThatDoesNotTrustTheCaIsRefused() throws Exception {
        try (AltertableMock mock = AltertableMock.builder().tls().withoutFlight().start()) {
            assertThatThrownBy(() -> TlsClients.select42(mock, TlsClients.context(null, null)))
                    .isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void theCertificateNamesCanBeChosen() throws Exception {
        try (AltertableMock mock = AltertableMock.builder().tlsNames("db.example.test").withoutFlight().start()) {
            // trusted CA, but 127.0.0.1 is not a name of the certificate: the JDK's hostname check refuses it
            assertThatThrownBy(() -> TlsClients.select42(mock, TlsClients.context(mock.caCertificate(), null)))
                    .isInstanceOf(SSLHandshakeException.class)
                    .hasMessageContaining("No subject alternative names matching IP address 127.0.0.1");
        }
    }

    @Test
    void servesTheUsersOwnCertificate(@TempDir Path dir) throws Exception {
        CertificateAuthority ca = CertificateAuthority.generate("my test CA");
        IssuedCertificate server = ca.issueServer(List.of("localhost", "127.0.0.1"));
        Path cert = Files.write(dir.resolve("server.pem"), server.chainPem());
        Path key = Files.write(dir.resolve("server-key.pem"), server.privateKeyPem());
        try (AltertableMock mock = AltertableMock.builder().tls(cert, key).start()) {
            assertThat(mock.hasGeneratedCa()).isFalse();
            assertThatThrownBy(mock::caCertificate).isInstanceOf(IllegalStateException.class);
            assertThat(TlsClients.select42(mock, TlsClients.context(ca.certificate(), null))).contains("\n[42]\n");
            InputStream trust = new ByteArrayInputStream(Pem.certificates(ca.certificate()));
            assertThat(TlsClients.flightSelect42(mock, trust, null)).isEqualTo(42);
        }
    }

    @Test
    void unusableFilesFailTheStartWithTheReason(@TempDir Path dir) throws IOException {
        Path notPem = Files.writeString(dir.resolve("cert.pem"), "not a certificate");
        assertThatThrownBy(() -> AltertableMock.builder().tls(notPem, notPem).withoutFlight().start())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the TLS certificate")
                .hasMessageContaining(notPem.toString());
    }

    @Test
    void mutualTlsRefusesClientsWithoutACertificate() throws Exception {
        try (AltertableMock mock = AltertableMock.builder().tls().requireClientCertificates().start()) {
            X509Certificate ca = mock.caCertificate();
            assertThatThrownBy(() -> TlsClients.select42(mock, TlsClients.context(ca, null)))
                    .isInstanceOf(IOException.class);
            ClientCertificate alice = mock.issueClientCertificate("alice");
            assertThat(alice.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=alice");
            assertThat(TlsClients.select42(mock, TlsClients.context(ca, alice))).contains("\n[42]\n");
            try (InputStream trust = Files.newInputStream(mock.caCertificateFile())) {
                assertThatThrownBy(() -> TlsClients.flightSelect42(mock, trust, null))
                        .isInstanceOf(FlightRuntimeException.class);
            }
            try (InputStream trust = Files.newInputStream(mock.caCertificateFile())) {
                assertThat(TlsClients.flightSelect42(mock, trust, alice)).isEqualTo(42);
            }
        }
    }

    @Test
    void clientCertificatesNeedTls() {
        assertThatThrownBy(() -> AltertableMock.builder().requireClientCertificates().withoutFlight().start())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("needs tls()");
        try (AltertableMock plain = AltertableMock.builder().withoutFlight().start()) {
            assertThat(plain.isTls()).isFalse();
            assertThatThrownBy(plain::caCertificateFile).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("tls()");
        }
    }
}
