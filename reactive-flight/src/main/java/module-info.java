/**
 * The reactive Arrow Flight SQL client ({@link ai.altertable.reactive.flight.LakehouseFlightClient}): record batches
 * and rows as {@code Flux}, and Arrow ingest.
 *
 * <p>{@code ai.altertable.reactive.flight.internal} is not API and is not exported. Arrow writes (ingest) need
 * {@code --add-opens=java.base/java.nio=org.apache.arrow.memory.core} on the module path.
 */
module ai.altertable.reactive.flight {
    requires transitive ai.altertable.reactive.core;
    // VectorSchemaRoot, Schema and BufferAllocator appear in the API.
    requires transitive org.apache.arrow.vector;
    requires transitive org.apache.arrow.memory.core;
    requires org.apache.arrow.flight.core;
    requires org.apache.arrow.flight.sql;
    // Arrow finds its allocator by class name: this module makes sure the unsafe one is resolved.
    requires org.apache.arrow.memory.unsafe;
    requires io.grpc;
    requires io.grpc.netty;
    requires io.grpc.stub;
    requires com.google.protobuf;
    requires com.fasterxml.jackson.core;
    // Optional: FlightBlockHoundIntegration, which BlockHound loads only where an application installs it. BlockHound
    // finds it through META-INF/services on the class path. No "provides" here: without BlockHound in the module graph
    // a provides clause fails the boot layer, so on the module path BlockHound does not find the integration.
    requires static reactor.blockhound;

    exports ai.altertable.reactive.flight;
}
