package ai.altertable.reactive.mock;

/**
 * A W3C {@code traceparent} the mock received, for tests of trace propagation.
 *
 * @param transport   {@code rest} (an HTTP header) or {@code flight} (gRPC metadata)
 * @param route       the REST route template ({@code /query}, {@code /append}, ...) or the Flight RPC
 *                    ({@code GetFlightInfo}, {@code DoGet}, {@code DoPut}, {@code DoAction}, ...)
 * @param traceparent the value as received
 */
public record ObservedTraceparent(String transport, String route, String traceparent) {
}
