/**
 * An in-process Altertable-compatible server ({@link ai.altertable.reactive.mock.AltertableMock}): the Lakehouse
 * REST API and Flight SQL over embedded DuckDB, with a JUnit 5 extension for tests.
 *
 * <p>{@code ai.altertable.reactive.mock.internal} and its subpackages are not API and are not exported. The Flight SQL
 * side needs {@code --add-opens=java.base/java.nio=org.apache.arrow.memory.core} on the module path.
 */
module ai.altertable.reactive.mock {
    requires transitive ai.altertable.reactive.core;
    requires reactor.netty.http;
    requires reactor.netty.core;
    requires io.netty.buffer;
    requires io.netty.codec.http;
    requires io.netty.codec.http2;
    requires io.netty.common;
    requires io.netty.transport;
    requires io.netty.handler;
    requires io.netty.codec;
    requires com.fasterxml.jackson.core;
    requires org.apache.arrow.vector;
    requires org.apache.arrow.memory.core;
    requires org.apache.arrow.memory.unsafe;
    requires org.apache.arrow.flight.core;
    requires org.apache.arrow.flight.sql;
    // DuckDB exports and imports Arrow data through the C Data interface, which it loads by reflection.
    requires org.apache.arrow.c;
    requires io.grpc;
    requires io.grpc.netty;
    requires com.google.protobuf;
    requires duckdb.jdbc;
    // Certificates generated for --tls / Builder.tls().
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.util;
    requires java.sql;
    requires java.logging;
    requires org.slf4j;
    // Optional: AltertableMockExtension, for projects that test with JUnit 5 (and so require JUnit's module
    // themselves). Not transitive: a static transitive requirement would be mandatory when compiling every reader.
    requires static org.junit.jupiter.api;

    exports ai.altertable.reactive.mock;
}
