package ai.altertable.reactive.mock.internal.lakehouse;

/**
 * A request the server refuses before running it: the status and the plain-text body to send
 * ({@code text/plain; charset=utf-8}), exactly as the protocol's framework rejections (§12) and handler failures look.
 * Thrown inside request handling and turned into a response by the router; it never escapes the server.
 */
final class Rejection extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String contentType;
    private final boolean closeConnection;

    Rejection(int status, String body) {
        this(status, body, Replies.TEXT_PLAIN_UTF8);
    }

    Rejection(int status, String body, String contentType) {
        this(status, body, contentType, false);
    }

    private Rejection(int status, String body, String contentType, boolean closeConnection) {
        super(body, null, false, false);
        this.status = status;
        this.contentType = contentType;
        this.closeConnection = closeConnection;
    }

    /** Whether the answer must end the connection, because part of the request body is still unread on it. */
    boolean closeConnection() {
        return closeConnection;
    }

    int status() {
        return status;
    }

    String body() {
        return getMessage();
    }

    String contentType() {
        return contentType;
    }

    static Rejection badJson(String detail) {
        return new Rejection(400, "Failed to parse the request body as JSON: " + detail);
    }

    static Rejection badShape(String detail) {
        return new Rejection(422, "Failed to deserialize the JSON body into the target type: " + detail);
    }

    static Rejection badQueryString(String detail) {
        return new Rejection(400, "Failed to deserialize query string: " + detail);
    }

    static Rejection badPath(String detail) {
        return new Rejection(400, "Invalid URL: " + detail);
    }

    static Rejection tooLarge() {
        return new Rejection(413, "Failed to buffer the request body: length limit exceeded");
    }

    /** 413 for a body too large even to drain: the connection is closed after the answer. */
    static Rejection tooLargeToDrain() {
        return new Rejection(413, tooLarge().body(), Replies.TEXT_PLAIN_UTF8, true);
    }

    static Rejection notJson() {
        return new Rejection(415, "Expected request with `Content-Type: application/json`");
    }
}
