/**
 * The observability SPI of the clients: the few points per operation where the REST and Flight transports report
 * what they do (an operation starts, its first row arrives, rows and bytes move in aggregated counts, it ends with an
 * outcome, a retry is decided, a cancel is sent, a batch completes), free of any metrics or tracing library.
 *
 * <p>The default, {@link ai.altertable.reactive.core.observe.ClientObservability#none()}, records nothing, and the
 * transports check {@link ai.altertable.reactive.core.observe.ClientObservability#isEnabled()} once when an
 * operation is assembled, so nothing is allocated or called per row or per operation when it is off. The
 * {@code reactive-micrometer} module implements it with Micrometer meters and observations.
 */
package ai.altertable.reactive.core.observe;
