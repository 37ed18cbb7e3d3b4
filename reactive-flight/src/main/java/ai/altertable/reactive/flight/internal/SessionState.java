package ai.altertable.reactive.flight.internal;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.Logger;
import reactor.util.Loggers;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * One Flight SQL session on the server, as the client holds it: the {@code authorization} value every call of the
 * session carries, and what must be replayed when the session is started again.
 *
 * <p><b>Tokens.</b> A session starts with a {@code Handshake} that carries the Basic credentials; the server answers
 * with {@code authorization: Bearer <token>}, which every later call carries. A new bearer value in the headers or
 * trailers of <em>any</em> response replaces the token from then on. A server that answers the handshake without a
 * token leaves the session on Basic credentials (each call is then stateless on the server).
 *
 * <p><b>Handshakes.</b> {@link #ready(Supplier)} runs the start-up (handshake, then the session options) at most once
 * at a time, shared by every caller that needs it; {@link #refresh(String, Supplier)} runs it again after an
 * {@code UNAUTHENTICATED}, but only if the token that failed is still the current one, so that many calls failing at
 * once cause one handshake. Thread-safe and non-blocking.
 */
public final class SessionState {

    private static final Logger log = Loggers.getLogger(SessionState.class);
    private static final String BEARER = "Bearer ";

    private final String name;
    private final AtomicReference<String> authorization = new AtomicReference<>();
    private final AtomicReference<Map<String, String>> options;
    private volatile String basic;
    private volatile boolean ready;
    private final AtomicLong tokensReceived = new AtomicLong();
    private volatile byte[] transactionId;
    private Mono<Void> pending; // guarded by this

    public SessionState(String name, Map<String, String> initialOptions) {
        this.name = Objects.requireNonNull(name, "name");
        this.options = new AtomicReference<>(ordered(initialOptions));
    }

    /** The value to send as {@code authorization}: Basic on a handshake, the current token otherwise (or null). */
    String authorization(boolean handshake) {
        return handshake ? basic : authorization.get();
    }

    /** The current {@code authorization} value of ordinary calls, or {@code null} before the first handshake. */
    public String authorization() {
        return authorization.get();
    }

    /** Takes a bearer token offered by a response; anything else is ignored. */
    void offerToken(String value) {
        if (value != null && value.regionMatches(true, 0, BEARER, 0, BEARER.length())
                && value.length() > BEARER.length()) {
            String token = BEARER + value.substring(BEARER.length()).strip();
            String previous = authorization.getAndSet(token);
            tokensReceived.incrementAndGet();
            if (previous != null && !previous.equals(token) && log.isDebugEnabled()) {
                log.debug("session {}: the server replaced the bearer token", name);
            }
        }
    }

    /**
     * Called just before a handshake call is created, with the Basic credentials it must carry.
     *
     * @return a mark to pass to {@link #handshakeSucceeded(long)}
     */
    public long beginHandshake(String basicAuthorization) {
        this.basic = basicAuthorization;
        return tokensReceived.get();
    }

    /** Called after a handshake succeeded; falls back to Basic credentials when the server sent no token. */
    public void handshakeSucceeded(long mark) {
        if (tokensReceived.get() == mark) {
            log.warn("session {}: the Flight server answered the handshake without a bearer token; every call will carry "
                    + "the Basic credentials, and the server keeps no session state between calls", name);
            authorization.set(basic);
        }
    }

    /**
     * Completes when the session has been started: immediately when it has, otherwise after {@code start} (the
     * handshake and the session options), which is run once for all concurrent callers.
     */
    public Mono<Void> ready(Supplier<Mono<Void>> start) {
        return Mono.defer(() -> ready ? Mono.empty() : startOnce(start));
    }

    /**
     * Starts the session again after {@code failedAuthorization} was rejected, unless another caller already replaced
     * that token (then it completes at once, and the caller simply uses the new one).
     */
    public Mono<Void> refresh(String failedAuthorization, Supplier<Mono<Void>> start) {
        return Mono.defer(() -> {
            String current = authorization.get();
            if (current != null && !current.equals(failedAuthorization)) {
                return Mono.empty();
            }
            return startOnce(start);
        });
    }

    private synchronized Mono<Void> startOnce(Supplier<Mono<Void>> start) {
        Mono<Void> running = pending;
        if (running == null) {
            Sinks.Empty<Void> done = Sinks.empty();
            running = done.asMono();
            pending = running;
            // Runs to its end even if every caller cancels, so that a half-started session is never left behind.
            start.get().subscribe(null, e -> {
                clearPending();
                done.tryEmitError(e);
            }, () -> {
                ready = true;
                clearPending();
                done.tryEmitEmpty();
            });
        }
        return running;
    }

    private synchronized void clearPending() {
        pending = null;
    }

    /** The session options to apply at every start of this session (the configured ones, then those set later). */
    public Map<String, String> options() {
        return options.get();
    }

    /** Remembers options set on the live session, so that a re-handshake applies them again. */
    public void rememberOptions(Map<String, String> set) {
        options.updateAndGet(old -> {
            Map<String, String> merged = new LinkedHashMap<>(old);
            merged.putAll(set);
            return ordered(merged);
        });
    }

    private static Map<String, String> ordered(Map<String, String> options) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** The id of the transaction this session runs, or {@code null}. */
    public byte[] transactionId() {
        return transactionId;
    }

    public void transactionId(byte[] id) {
        this.transactionId = id;
    }

    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "SessionState[" + name + (ready ? ", ready" : "") + "]"; // never the token
    }
}
