/**
 * The reactive Arrow Flight SQL client of the Altertable lakehouse:
 * {@link ai.altertable.reactive.flight.LakehouseFlightClient} and its
 * {@link ai.altertable.reactive.flight.FlightSession}s run queries as {@code Flux}es of rows or of
 * {@link ai.altertable.reactive.flight.ArrowBatch}es, updates, prepared statements, transactions and bulk ingest.
 *
 * <p><b>Who closes what.</b> The client owns its gRPC channel, its scheduler (unless one was supplied) and its root
 * allocator, released by {@code close()}. An {@link ai.altertable.reactive.flight.ArrowBatch} handed to the subscriber
 * is the subscriber's to close; every other buffer is freed by the client when the subscription ends. <b>Cancel</b>
 * of a query cancels its gRPC call, frees every buffer not yet delivered and asks the server to cancel.
 *
 * <p>Arrow writes (ingest, prepared-statement parameters) need {@code --add-opens=java.base/java.nio=ALL-UNNAMED}
 * on the class path, or {@code --add-opens=java.base/java.nio=org.apache.arrow.memory.core} on the module path.
 */
package ai.altertable.reactive.flight;
