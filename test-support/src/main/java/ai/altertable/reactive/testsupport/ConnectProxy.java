package ai.altertable.reactive.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP {@code CONNECT} proxy on loopback for tests: it tunnels to loopback targets only, counts the tunnels,
 * optionally requires Basic credentials ({@code 407} otherwise), and keeps the first bytes that pass through each
 * tunnel in both directions, so that a test can check it never saw plaintext (an SQL statement, an HTTP request line).
 * Plain threads and sockets, never a Reactor or Netty thread.
 */
public final class ConnectProxy implements AutoCloseable {

    /** Bytes kept per tunnel and direction. */
    private static final int CAPTURE_LIMIT = 1 << 20;

    private final ServerSocket server;
    private final String expectedAuthorization;
    private final AtomicInteger connects = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final List<String> targets = new CopyOnWriteArrayList<>();
    private final List<ByteArrayOutputStream> captures = new CopyOnWriteArrayList<>();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private ConnectProxy(String username, String password) throws IOException {
        this.expectedAuthorization = username == null ? null : "Basic " + Base64.getEncoder().encodeToString(
                (username + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "connect-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A proxy without authentication. */
    public static ConnectProxy start() throws IOException {
        return new ConnectProxy(null, null);
    }

    /** A proxy that answers {@code 407} unless {@code Proxy-Authorization} carries these credentials. */
    public static ConnectProxy withCredentials(String username, String password) throws IOException {
        return new ConnectProxy(username, password);
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Tunnels opened. */
    public int connects() {
        return connects.get();
    }

    /** {@code CONNECT}s refused with {@code 407}. */
    public int refused() {
        return refused.get();
    }

    /** The {@code host:port} of each tunnel, in order. */
    public List<String> targets() {
        return List.copyOf(targets);
    }

    /** Whether {@code text} (ASCII/UTF-8) appeared in any tunnel, in either direction, within the captured bytes. */
    public boolean sawPlaintext(String text) {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        for (ByteArrayOutputStream c : captures) {
            byte[] hay;
            synchronized (c) {
                hay = c.toByteArray();
            }
            if (indexOf(hay, needle) >= 0) {
                return true;
            }
        }
        return false;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                sockets.add(client);
                Thread t = new Thread(() -> tunnel(client), "connect-proxy-tunnel");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void tunnel(Socket client) {
        try {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            String head = readHead(in);
            String[] first = head.split("\r\n", 2)[0].split(" ");
            if (first.length < 3 || !first[0].equals("CONNECT")) {
                reply(out, "405 Method Not Allowed");
                return;
            }
            if (expectedAuthorization != null && !head.contains("\r\nProxy-Authorization: " + expectedAuthorization)
                    && !head.contains("\r\nproxy-authorization: " + expectedAuthorization)) {
                refused.incrementAndGet();
                out.write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\n"
                        + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                return;
            }
            int colon = first[1].lastIndexOf(':');
            String host = first[1].substring(0, colon).replace("[", "").replace("]", "");
            int port = Integer.parseInt(first[1].substring(colon + 1));
            InetAddress target = InetAddress.getByName(host);
            if (!target.isLoopbackAddress()) {
                reply(out, "403 Forbidden"); // a test proxy: never a way off this machine
                return;
            }
            Socket upstream = new Socket();
            sockets.add(upstream);
            upstream.connect(new InetSocketAddress(target, port), 10_000);
            connects.incrementAndGet();
            targets.add(first[1]);
            reply(out, "200 Connection established");
            ByteArrayOutputStream up = new ByteArrayOutputStream();
            ByteArrayOutputStream down = new ByteArrayOutputStream();
            captures.add(up);
            captures.add(down);
            Thread pump = new Thread(() -> pump(upstream, client, down), "connect-proxy-down");
            pump.setDaemon(true);
            pump.start();
            pump(client, upstream, up);
        } catch (IOException | RuntimeException e) {
            closeQuietly(client);
        }
    }

    private void pump(Socket from, Socket to, ByteArrayOutputStream capture) {
        byte[] buf = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                synchronized (capture) {
                    if (capture.size() < CAPTURE_LIMIT) {
                        capture.write(buf, 0, Math.min(n, CAPTURE_LIMIT - capture.size()));
                    }
                }
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException ignored) {
            // one side went away
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0 || head.size() > 64 * 1024) {
                throw new IOException("no request head");
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    private static void reply(OutputStream out, String status) throws IOException {
        out.write(("HTTP/1.1 " + status + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        for (Socket s : new ArrayList<>(sockets)) {
            closeQuietly(s);
        }
    }
}
