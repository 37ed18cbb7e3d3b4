/**
 * Micrometer metrics and observations for the altertable-reactive clients: {@code MicrometerObservability}, handed to
 * the REST or Flight client's options.
 */
module ai.altertable.reactive.micrometer {
    requires transitive ai.altertable.reactive.core;
    requires transitive micrometer.core;
    requires transitive micrometer.observation;
    requires transitive micrometer.commons;

    exports ai.altertable.reactive.micrometer;
}
