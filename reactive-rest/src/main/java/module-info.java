/**
 * The reactive Lakehouse REST client ({@link ai.altertable.reactive.rest.LakehouseClient}) on Reactor Netty and
 * Jackson.
 *
 * <p>{@code ai.altertable.reactive.rest.internal} and its subpackages are not API and are not exported.
 */
module ai.altertable.reactive.rest {
    requires transitive ai.altertable.reactive.core;
    // The builder takes a customizer of Reactor Netty's HttpClient.
    requires transitive reactor.netty.http;
    requires reactor.netty.core;
    requires io.netty.buffer;
    requires io.netty.codec.http;
    requires io.netty.common;
    requires io.netty.handler;
    requires io.netty.transport;
    requires com.fasterxml.jackson.core;

    exports ai.altertable.reactive.rest;
}
