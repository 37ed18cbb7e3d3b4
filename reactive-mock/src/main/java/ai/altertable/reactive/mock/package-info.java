/**
 * An in-process Altertable-compatible server for tests and demos:
 * {@link ai.altertable.reactive.mock.AltertableMock} serves the Lakehouse REST API and Flight SQL over embedded DuckDB,
 * {@link ai.altertable.reactive.mock.AltertableMockExtension} starts one per JUnit 5 test class, and
 * {@link ai.altertable.reactive.mock.Faults} injects failures into the next REST requests.
 *
 * <p>Whoever starts a mock closes it (try-with-resources; the extension closes its own after the class): closing stops
 * both servers and drops in-memory databases. The module brings DuckDB's JDBC driver (an 80 MB jar): depend on it in
 * test scope.
 */
package ai.altertable.reactive.mock;
