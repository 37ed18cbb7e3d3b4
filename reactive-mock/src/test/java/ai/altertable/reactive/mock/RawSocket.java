package ai.altertable.reactive.mock;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for what the JDK client hides or refuses: exact chunk framing of a response, request
 * bytes that are not valid HTTP, headers the JDK client will not send ({@code Content-Length},
 * {@code Transfer-Encoding}, non-ASCII values). Reads one response at a time, so several requests can share the
 * connection (keep-alive).
 */
final class RawSocket implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawSocket(int port) {
        try {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(10_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens a connection, sends {@code request}, reads one response and closes. */
    static Response exchange(int port, byte[] request) {
        try (RawSocket s = new RawSocket(port)) {
            s.write(request);
            return s.read();
        }
    }

    static Response exchange(int port, String request) {
        return exchange(port, request.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** A request head ending with the blank line; {@code headers} are full lines without CRLF. */
    static String head(String method, String target, String... headers) {
        StringBuilder sb = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: localhost\r\n");
        for (String h : headers) {
            sb.append(h).append("\r\n");
        }
        return sb.append("\r\n").toString();
    }

    RawSocket write(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    RawSocket write(String latin1) {
        return write(latin1.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Half-closes the sending side, as a client does when it has nothing more to send. */
    void shutdownOutput() {
        try {
            socket.shutdownOutput();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads exactly {@code n} bytes (fewer at EOF). */
    byte[] readBytes(int n) {
        try {
            return in.readNBytes(n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads until the server closes the connection (or the timeout), returning everything received. */
    byte[] readToEnd() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        try {
            int n;
            while ((n = in.read(chunk)) >= 0) {
                buf.write(chunk, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("server neither answered nor closed within the timeout; got: "
                    + new String(buf.toByteArray(), StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            // a reset counts as the end
        }
        return buf.toByteArray();
    }

    /**
     * Reads one response. With {@code Content-Length} the body is that many bytes; chunked bodies are de-framed and
     * each chunk's bytes kept; otherwise the body runs to EOF. A connection that ends early gives
     * {@code complete == false} instead of an exception.
     */
    Response read() {
        return read(false);
    }

    /** Reads the answer to a {@code HEAD} request: headers only, whatever {@code Content-Length} says. */
    Response readHead() {
        return read(true);
    }

    private Response read(boolean headOnly) {
        try {
            String statusLine = line();
            if (statusLine == null) {
                return new Response(-1, Map.of(), new byte[0], List.of(), false);
            }
            int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            String l;
            while ((l = line()) != null && !l.isEmpty()) {
                int colon = l.indexOf(':');
                headers.computeIfAbsent(l.substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(l.substring(colon + 1).strip());
            }
            if (l == null) {
                return new Response(status, headers, new byte[0], List.of(), false);
            }
            if (headOnly || status == 204 || status == 304 || status / 100 == 1) {
                return new Response(status, headers, new byte[0], List.of(), true);
            }
            List<String> te = headers.get("transfer-encoding");
            if (te != null && te.get(0).equalsIgnoreCase("chunked")) {
                return chunked(status, headers);
            }
            List<String> cl = headers.get("content-length");
            if (cl != null) {
                int n = Integer.parseInt(cl.get(0));
                byte[] body = in.readNBytes(n);
                return new Response(status, headers, body, List.of(), body.length == n);
            }
            return new Response(status, headers, readToEnd(), List.of(), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Response chunked(int status, Map<String, List<String>> headers) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        List<byte[]> chunks = new ArrayList<>();
        while (true) {
            String sizeLine = line();
            if (sizeLine == null) {
                return new Response(status, headers, body.toByteArray(), chunks, false);
            }
            int size = Integer.parseInt(sizeLine.split(";", 2)[0].strip(), 16);
            if (size == 0) {
                String trailer;
                while ((trailer = line()) != null && !trailer.isEmpty()) {
                    // trailers are not used by the mock
                }
                return new Response(status, headers, body.toByteArray(), chunks, trailer != null);
            }
            byte[] chunk = in.readNBytes(size);
            body.write(chunk);
            if (chunk.length < size) {
                return new Response(status, headers, body.toByteArray(), chunks, false);
            }
            chunks.add(chunk);
            if (line() == null) {
                return new Response(status, headers, body.toByteArray(), chunks, false);
            }
        }
    }

    /** A CRLF-terminated line as Latin-1, without the CRLF; {@code null} at EOF. */
    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                byte[] bytes = b.toByteArray();
                int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
            }
            b.write(c);
        }
        return null;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a test socket
        }
    }

    /**
     * One response as read from the socket.
     *
     * @param status   the status code, or -1 when the connection closed before a status line
     * @param headers  header values by lowercase name
     * @param body     the body (de-chunked)
     * @param chunks   the chunks of a chunked body, in order; empty otherwise
     * @param complete whether the body was read to its announced end
     */
    record Response(int status, Map<String, List<String>> headers, byte[] body, List<byte[]> chunks,
                    boolean complete) {

        String header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null ? null : v.get(0);
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }
}
