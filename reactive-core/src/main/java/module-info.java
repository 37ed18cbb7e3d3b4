/**
 * The transport-free heart of altertable-reactive: credentials, errors, retry policy, batching, the row model and the
 * Lakehouse REST models, shared by the REST client ({@code ai.altertable.reactive.rest}), the Flight SQL client
 * ({@code ai.altertable.reactive.flight}) and the mock server ({@code ai.altertable.reactive.mock}).
 *
 * <p>The {@code internal} packages are not API: they are exported only to this project's own modules.
 */
module ai.altertable.reactive.core {
    // Flux, Mono and Publisher appear in the API; Jackson's JsonNode too (JSON cells, REST models).
    requires transitive reactor.core;
    requires transitive org.reactivestreams;
    requires transitive com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.datatype.jsr310;

    exports ai.altertable.reactive.core;
    exports ai.altertable.reactive.core.batch;
    exports ai.altertable.reactive.core.model;
    exports ai.altertable.reactive.core.row;
    exports ai.altertable.reactive.core.observe;

    exports ai.altertable.reactive.core.internal to
            ai.altertable.reactive.rest, ai.altertable.reactive.flight, ai.altertable.reactive.mock,
            ai.altertable.reactive.postgres;
    // reactive-flight decodes JSON cells with it; reactive-rest's tests compare decoded values with it.
    exports ai.altertable.reactive.core.row.internal to ai.altertable.reactive.rest, ai.altertable.reactive.flight;

    // Jackson instantiates the models and their (de)serializers reflectively, overriding access checks.
    opens ai.altertable.reactive.core.model to com.fasterxml.jackson.databind;
    opens ai.altertable.reactive.core.model.internal to com.fasterxml.jackson.databind;
}
