/** A user's modular application: it reads the clients and the mock through their module-info alone. */
module com.example.modular {
    requires ai.altertable.reactive.rest;
    requires ai.altertable.reactive.flight;
    requires ai.altertable.reactive.mock;
    // ModuleVisibility compiles probes against the same module path.
    requires java.compiler;
}
