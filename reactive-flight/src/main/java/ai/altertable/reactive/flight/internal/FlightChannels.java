package ai.altertable.reactive.flight.internal;

import ai.altertable.reactive.core.ConfigurationException;
import ai.altertable.reactive.core.ProxyOptions;
import ai.altertable.reactive.core.TlsOptions;
import ai.altertable.reactive.flight.FlightClientOptions;
import io.grpc.HttpConnectProxiedSocketAddress;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.handler.ssl.SslContextBuilder;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;

/**
 * The TLS and proxy settings of the client's gRPC channel: gRPC's own TLS ({@link GrpcSslContexts}, HTTP/2 over ALPN,
 * host name verification by gRPC's TLS handler against the endpoint's host) from the {@link TlsOptions}' JDK
 * factories, and gRPC's HTTP {@code CONNECT} proxy support ({@link HttpConnectProxiedSocketAddress}).
 */
final class FlightChannels {

    private FlightChannels() {
    }

    /** TLS or plaintext as the endpoint says, and the proxy when it applies to the endpoint's host. */
    static void configure(NettyChannelBuilder channel, FlightClientOptions options) {
        if (options.isTls()) {
            TlsOptions tls = options.tls();
            SslContextBuilder ssl = GrpcSslContexts.forClient().trustManager(tls.trustManagerFactory());
            KeyManagerFactory keys = tls.keyManagerFactory();
            if (keys != null) {
                ssl.keyManager(keys);
            }
            try {
                channel.sslContext(ssl.build()).useTransportSecurity();
            } catch (SSLException e) {
                throw new ConfigurationException("the TLS settings cannot be used: " + e.getMessage(), e);
            }
        } else {
            channel.usePlaintext();
        }
        ProxyOptions proxy = options.proxy();
        if (proxy.appliesTo(options.endpoint().getHost())) {
            channel.proxyDetector(target -> tunnel(proxy, target));
        }
    }

    /** Called by gRPC's name resolver (its own thread) with the endpoint, unresolved: the proxy resolves the name. */
    private static HttpConnectProxiedSocketAddress tunnel(ProxyOptions proxy, SocketAddress target) {
        HttpConnectProxiedSocketAddress.Builder b = HttpConnectProxiedSocketAddress.newBuilder()
                .setTargetAddress((InetSocketAddress) target)
                .setProxyAddress(new InetSocketAddress(proxy.host(), proxy.port()));
        if (proxy.username() != null) {
            b.setUsername(proxy.username()).setPassword(proxy.password());
        }
        return b.build();
    }
}
