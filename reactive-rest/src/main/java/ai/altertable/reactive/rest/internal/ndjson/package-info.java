/**
 * The incremental decoder of the {@code POST /query} NDJSON body (protocol §5.2, §6, §15): network chunks in, the
 * head and lazily decoded rows out, through one Jackson non-blocking parser per stream.
 *
 * <p>{@link ai.altertable.reactive.rest.internal.ndjson.QueryStreamDecoder} is the entry point (and its
 * {@code decode} method the Reactor wiring); the other classes are its parts: the state machine of the envelope, the
 * builders of row cells and JSON trees from tokens, the reading of the head and error lines, and the line size guard.
 * Internal: not a public API of the client.
 */
package ai.altertable.reactive.rest.internal.ndjson;
