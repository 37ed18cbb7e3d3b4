/**
 * The ingestion endpoints of the mock, on the DuckDB side and free of HTTP: the HTTP layer parses the request, streams
 * upload bodies to a temporary file, calls in here on a worker thread (never an event loop), and sends what comes back.
 *
 * <table>
 *   <caption>Endpoint, entry point, response</caption>
 *   <tr><th>Endpoint</th><th>Call</th><th>Response</th></tr>
 *   <tr><td>{@code POST /upload?catalog=&schema=&table=&mode=}</td>
 *       <td>{@link ai.altertable.reactive.mock.internal.ingest.Upload#upload}, mode from
 *           {@link ai.altertable.reactive.core.model.UploadMode#fromWire} (absent:
 *           {@link ai.altertable.reactive.core.model.UploadMode#APPEND})</td>
 *       <td>{@link ai.altertable.reactive.mock.internal.ingest.IngestOutcome}: {@code 200} empty body, no
 *           {@code Content-Type}; or {@code 400 text/plain; charset=utf-8} with
 *           {@link ai.altertable.reactive.mock.internal.ingest.IngestOutcome#errorText()}</td></tr>
 *   <tr><td>{@code POST /upsert?…&primary_key=[&cursor_field=]}</td>
 *       <td>{@link ai.altertable.reactive.mock.internal.ingest.Upsert#upsert}, lists from
 *           {@link ai.altertable.reactive.mock.internal.ingest.Upsert#parseColumnList}</td>
 *       <td>as {@code /upload}</td></tr>
 *   <tr><td>{@code POST /append?catalog=&schema=&table=[&sync=]}</td>
 *       <td>{@link ai.altertable.reactive.mock.internal.ingest.AppendTasks#submit} with the user's
 *           {@link ai.altertable.reactive.mock.internal.ingest.TaskRegistry}: the rows are written (or refused) in a
 *           transaction before the answer, and committed before it ({@code sync=true}/{@code 1}) or by the task; a body
 *           that does not parse as JSON is
 *           {@link ai.altertable.reactive.mock.internal.ingest.AppendOutcome#invalidBody()}</td>
 *       <td>{@link ai.altertable.reactive.mock.internal.ingest.AppendOutcome} as {@code application/json}
 *           {@code {"ok","error_code","error_message","task_id"}} (nulls left out) with its
 *           {@link ai.altertable.reactive.mock.internal.ingest.AppendOutcome#httpStatus()}</td></tr>
 *   <tr><td>{@code GET /tasks/{task_id}}</td>
 *       <td>{@link ai.altertable.reactive.mock.internal.ingest.TaskRegistry#status}</td>
 *       <td>{@code 200} {@link ai.altertable.reactive.core.model.TaskStatus} as JSON
 *           ({@code {"task_id","status"}}, {@code status} {@code pending} or {@code completed}, or the extension
 *           {@code failed} with {@code "error_message":"invalid-data: …"} when the commit conflicted with a concurrent
 *           change or the mock stopped first); empty: {@code 404}; an id that is not a UUID:
 *           {@code 400 Invalid URL: …}</td></tr>
 * </table>
 *
 * <p>Every catalog, schema, table and column name, and every file path, reaches SQL quoted; every ingestion runs in one
 * DuckDB transaction. Where this mock follows the client spec rather than the official mock (append atomicity, error
 * codes and messages, tasks), the class documentation says so.
 */
package ai.altertable.reactive.mock.internal.ingest;
