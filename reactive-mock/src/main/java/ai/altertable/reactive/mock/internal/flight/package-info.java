/**
 * The mock's Arrow Flight SQL endpoint (protocol {@code flight-sql.md}), over the same per-user DuckDB databases as
 * the REST side.
 *
 * <table>
 *   <caption>Where each part of the protocol lives</caption>
 *   <tr><th>Protocol</th><th>Class</th></tr>
 *   <tr><td>§1 transport, 4 MiB inbound cap</td><td>{@link ai.altertable.reactive.mock.internal.flight.MockFlightServer}</td></tr>
 *   <tr><td>§2 authentication, §3 headers, §4 sessions</td><td>{@link ai.altertable.reactive.mock.internal.flight.SessionMiddleware},
 *       {@link ai.altertable.reactive.mock.internal.flight.CallCredentials},
 *       {@link ai.altertable.reactive.mock.internal.flight.HandshakeResponder},
 *       {@link ai.altertable.reactive.mock.internal.flight.MockFlightSession},
 *       {@link ai.altertable.reactive.mock.internal.flight.SessionLock}</td></tr>
 *   <tr><td>§5 session options</td><td>{@link ai.altertable.reactive.mock.internal.flight.SessionOptionsAction}</td></tr>
 *   <tr><td>§6 support matrix</td><td>{@link ai.altertable.reactive.mock.internal.flight.MockFlightSqlProducer},
 *       {@link ai.altertable.reactive.mock.internal.flight.Actions}</td></tr>
 *   <tr><td>§7 queries, §8 updates</td><td>{@link ai.altertable.reactive.mock.internal.flight.Statements},
 *       {@link ai.altertable.reactive.mock.internal.flight.DoGetStream}</td></tr>
 *   <tr><td>§9 prepared statements</td><td>{@link ai.altertable.reactive.mock.internal.flight.PreparedStatements},
 *       {@link ai.altertable.reactive.mock.internal.flight.ParameterTextReader}</td></tr>
 *   <tr><td>§10 bulk ingest and upsert</td><td>{@link ai.altertable.reactive.mock.internal.flight.BulkIngest},
 *       {@link ai.altertable.reactive.mock.internal.flight.IngestRequest},
 *       {@link ai.altertable.reactive.mock.internal.flight.ArrowTableDdl}</td></tr>
 *   <tr><td>§11 transactions</td><td>{@link ai.altertable.reactive.mock.internal.flight.Actions}</td></tr>
 *   <tr><td>§12 metadata</td><td>{@link ai.altertable.reactive.mock.internal.flight.Metadata},
 *       {@link ai.altertable.reactive.mock.internal.flight.Tables}, {@link ai.altertable.reactive.mock.internal.flight.SqlInfos}</td></tr>
 *   <tr><td>§13 type mappings</td><td>{@link ai.altertable.reactive.mock.internal.flight.ArrowSchemas} (§13.1),
 *       DuckDB's Arrow export with {@link ai.altertable.reactive.mock.internal.flight.DictionaryHydration}
 *       (§13.2)</td></tr>
 * </table>
 *
 * <p><b>Deliberate differences from the official mock</b>, each because production or the client spec asks for it, or
 * because the official behaviour is a bug clients must not rely on:
 * <ul>
 *   <li>REST and Flight share each user's database (the official mock keeps two), as production presumably does.</li>
 *   <li>A statement query's DoGet streams with backpressure instead of materialising the result first. An error raised
 *       after the first batch therefore ends a stream that already delivered rows; and when another call of the same
 *       session arrives while a stream is unread, the stream materialises the rest (the official behaviour) rather
 *       than making the call wait.</li>
 *   <li>A prepared update runs with the parameters it was sent (the official mock drops them, §9.4).</li>
 *   <li>Error texts say what to do: a prepared execution that fails because of the server's binding limits (one row
 *       per execution, nulls and binary data bound as text, types it does not read, §9.2) goes on to name the limit
 *       and how to bind instead, after DuckDB's text; a prepare failure says {@code Failed to extract schema: } once,
 *       not twice (§7). The status codes are the official ones.</li>
 *   <li>An inbound message over 4 MiB is {@code RESOURCE_EXHAUSTED} (grpc-java), not {@code OUT_OF_RANGE} (tonic).</li>
 *   <li>A call without a session id gets a session freed when the call ends (the official mock keeps one per call).</li>
 *   <li>{@code SetSessionOptions} also accepts a request packed in {@code Any}, as the Python client sends it.</li>
 *   <li>Ingest hands each batch to DuckDB through the C Data interface and {@code INSERT … SELECT} (positional, casting
 *       a little more leniently than the appender); each batch commits on its own. Upsert shares the REST side's
 *       merge: among duplicate keys without a cursor the last row wins, and an incoming cursor beats a stored
 *       {@code NULL}.</li>
 * </ul>
 * Texts the protocol marks [inferred] are approximations: the multi-statement refusal, the {@code UNSUPPORTED_TYPE_…}
 * type names and the timestamp layout of parameter text, and the detail of malformed ingest options. DuckDB is
 * 2.0.0 here (1.5.3 in the official mock), so DuckDB's own error texts may differ slightly.
 */
package ai.altertable.reactive.mock.internal.flight;
