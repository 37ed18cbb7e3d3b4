/** A user's modular application: it reads the clients and the mock through their module-info alone. */
module com.example.modular {
    requires ai.altertable.reactive.rest;
    requires ai.altertable.reactive.flight;
    requires ai.altertable.reactive.postgres;
    requires ai.altertable.reactive.mock;
    // ModuleVisibility compiles probes against the same module path.
    requires java.compiler;

    // As the README says: the rows the library encodes (Jackson) and maps (reactive-core) by reflection.
    opens com.example.modular.model to ai.altertable.reactive.core, com.fasterxml.jackson.databind;
}
