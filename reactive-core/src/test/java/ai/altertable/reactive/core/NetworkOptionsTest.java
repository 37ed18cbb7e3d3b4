package ai.altertable.reactive.core;

import ai.altertable.reactive.core.internal.TlsFailures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link ProxyOptions}, {@link TlsOptions} and the classification of failed handshakes. */
class NetworkOptionsTest {

    @Test
    void theProxyComesFromTheEnvironmentWithItsExceptions() {
        ProxyOptions p = ProxyOptions.fromEnvironment(Map.of("HTTPS_PROXY", "http://bob:s%3Acret@proxy.corp:3128",
                "NO_PROXY", "localhost, .internal.corp,example.org:8443"));
        assertThat(p.host()).isEqualTo("proxy.corp");
        assertThat(p.port()).isEqualTo(3128);
        assertThat(p.username()).isEqualTo("bob");
        assertThat(p.password()).isEqualTo("s:cret");
        assertThat(p.appliesTo("api.altertable.ai")).isTrue();
        assertThat(p.appliesTo("localhost")).isFalse();
        assertThat(p.appliesTo("db.internal.corp")).isFalse();
        assertThat(p.appliesTo("internal.corp")).isFalse();
        assertThat(p.appliesTo("www.example.org")).isFalse();
        assertThat(p.appliesTo("notexample.org")).isTrue();
        assertThat(p.toString()).contains("proxy.corp:3128").doesNotContain("s:cret").doesNotContain("bob");
        assertThat(ProxyOptions.fromEnvironment(Map.of("https_proxy", "proxy:8080", "no_proxy", "*"))
                .appliesTo("anything")).isFalse();
        assertThat(ProxyOptions.fromEnvironment(Map.of()).isEnabled()).isFalse();
        assertThat(ProxyOptions.none().appliesTo("x")).isFalse();
    }

    @Test
    void aBadProxyUrlIsAConfigurationErrorThatDoesNotEchoIt() {
        assertThatThrownBy(() -> ProxyOptions.fromEnvironment(Map.of("HTTPS_PROXY", "socks5://u:topsecret@h:1")))
                .isInstanceOf(ConfigurationException.class).hasMessageNotContaining("topsecret");
        assertThatThrownBy(() -> ProxyOptions.http("proxy", 0)).isInstanceOf(ConfigurationException.class);
    }

    @Test
    void tlsOptionsReadTheirFilesWhenAskedAndNameThem(@TempDir Path dir) throws Exception {
        assertThat(TlsOptions.systemDefault().usesSystemTrust()).isTrue();
        assertThat(TlsOptions.systemDefault().keyManagerFactory()).isNull();
        assertThat(TlsOptions.systemDefault().trustManagerFactory().getTrustManagers()).isNotEmpty();
        Path missing = dir.resolve("missing.pem");
        TlsOptions o = TlsOptions.builder().trustedCertificates(missing).build();
        assertThat(o.toString()).contains("missing.pem");
        assertThatThrownBy(o::trustManagerFactory).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("trustedCertificates: cannot read");
        Path junk = Files.writeString(dir.resolve("key.pem"), "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n");
        assertThatThrownBy(() -> TlsOptions.builder().clientCertificate(junk, junk).build().keyManagerFactory())
                .isInstanceOf(ConfigurationException.class);
    }

    @Test
    void handshakeFailuresAreTypedAndNeverRetried() {
        SSLHandshakeException untrusted = new SSLHandshakeException("PKIX path building failed");
        untrusted.initCause(new CertificateException("unable to find valid certification path to requested target"));
        TlsException e = TlsFailures.classify(new RuntimeException(untrusted), "db.example:443", ErrorContext.none());
        assertThat(e.tlsReason()).isEqualTo(TlsException.Reason.UNTRUSTED_CERTIFICATE);
        assertThat(e.getMessage()).contains("db.example:443").contains("not trusted")
                .contains("TlsOptions.builder().trustedCertificates");
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.requestSent()).isFalse();
        assertThat(RetryPolicy.defaults().isRetryable(e, Operation.QUERY)).isFalse();

        SSLHandshakeException wrongHost = new SSLHandshakeException("No subject alternative names matching IP address");
        wrongHost.initCause(new CertificateException("No subject alternative names matching IP address 10.0.0.1 found"));
        assertThat(TlsFailures.classify(wrongHost, "10.0.0.1:443", ErrorContext.none()).tlsReason())
                .isEqualTo(TlsException.Reason.HOSTNAME_MISMATCH);
        assertThat(TlsFailures.classify(new SSLHandshakeException("Received fatal alert: bad_certificate"), null,
                ErrorContext.none()).tlsReason()).isEqualTo(TlsException.Reason.HANDSHAKE_FAILED);
        assertThat(TlsFailures.classify(new java.io.IOException("reset"), null, ErrorContext.none())).isNull();
        assertThat(TlsFailures.classify(new SslHandshakeTimeoutException("timed out"), null, ErrorContext.none()))
                .as("a timeout may be transient").isNull();
    }

    /** Named like Netty's: the classification goes by name, core knows no Netty type. */
    private static final class SslHandshakeTimeoutException extends SSLHandshakeException {
        SslHandshakeTimeoutException(String message) {
            super(message);
        }
    }
}
