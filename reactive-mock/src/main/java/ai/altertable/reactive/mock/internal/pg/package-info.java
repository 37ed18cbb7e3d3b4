/**
 * The mock's Postgres wire protocol (3.0) endpoint: framing, startup and authentication (cleartext and SCRAM-SHA-256),
 * the simple query protocol over the same per-user DuckDB databases as the REST and Flight sides. Not API.
 */
package ai.altertable.reactive.mock.internal.pg;
