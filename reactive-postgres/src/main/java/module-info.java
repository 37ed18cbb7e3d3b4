/**
 * Reactive access to the Altertable lakehouse over the Postgres wire protocol, on r2dbc-postgresql: a
 * {@code ConnectionFactory} built from the same credentials and environment as the other clients, and a client whose
 * queries return the core rows.
 */
module ai.altertable.reactive.postgres {
    requires transitive ai.altertable.reactive.core;
    requires transitive r2dbc.spi;
    requires r2dbc.postgresql;
    requires io.netty.handler;
    requires io.netty.common;
    requires static reactor.blockhound; // the SCRAM nonce allowance, used only where BlockHound runs (class path)

    exports ai.altertable.reactive.postgres;
}
