package ai.altertable.reactive.rest.internal;

import ai.altertable.reactive.core.ProxyOptions;
import ai.altertable.reactive.core.TlsOptions;
import ai.altertable.reactive.rest.LakehouseClientOptions;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.client.HttpClient;
import reactor.netty.transport.ProxyProvider;

import java.net.URI;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS and proxy settings of a client's Reactor Netty {@link HttpClient}: Netty's own TLS (an HTTP/1.1 context
 * built from the {@link TlsOptions}' JDK factories) with host name verification set explicitly on every engine, and
 * Reactor Netty's HTTP {@code CONNECT} proxy support.
 */
final class NetworkSecurity {

    private NetworkSecurity() {
    }

    /** {@code http} with TLS for an {@code https} base URL and the proxy when it applies to the base URL's host. */
    static HttpClient apply(HttpClient http, LakehouseClientOptions options) {
        URI url = options.baseUrl();
        HttpClient out = http;
        if ("https".equalsIgnoreCase(url.getScheme())) {
            TlsOptions tls = options.tls();
            TrustManagerFactory trust = tls.trustManagerFactory(); // read files now: a bad one fails create()
            KeyManagerFactory keys = tls.keyManagerFactory();
            Http11SslContextSpec context = Http11SslContextSpec.forClient().configure(b -> {
                b.trustManager(trust);
                if (keys != null) {
                    b.keyManager(keys);
                }
            });
            out = out.secure(spec -> spec.sslContext(context).handlerConfigurator(h -> verifyHostName(h.engine())));
        }
        ProxyOptions proxy = options.proxy();
        if (proxy.appliesTo(url.getHost())) {
            out = out.proxy(spec -> {
                ProxyProvider.Builder b = spec.type(ProxyProvider.Proxy.HTTP).host(proxy.host()).port(proxy.port())
                        .connectTimeoutMillis(options.connectTimeout().toMillis());
                if (proxy.username() != null) {
                    String password = proxy.password();
                    b.username(proxy.username()).password(user -> password);
                }
            });
        }
        return out;
    }

    /** Host name verification, always: the certificate must be valid for the host the client connects to. */
    private static void verifyHostName(SSLEngine engine) {
        SSLParameters p = engine.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(p);
    }
}
