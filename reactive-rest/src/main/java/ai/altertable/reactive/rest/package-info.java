/**
 * The reactive client of the Altertable Lakehouse REST API: {@link ai.altertable.reactive.rest.LakehouseClient}
 * streams query rows with backpressure down to the socket, and writes through appends (one at a time, batched, or
 * shared by many callers in a {@link ai.altertable.reactive.rest.TableAppender}), uploads and upserts.
 *
 * <p><b>Who closes what.</b> A client owns its connection pool (variants made by {@code mutate()} share it) and
 * releases it on {@code close()}; a query stream holds its connection only until it completes, fails or is cancelled.
 * <b>Cancel</b> of a query stream closes its half-read connection and asks the server to cancel the query.
 */
package ai.altertable.reactive.rest;
