/**
 * Jackson models of every request and response of the Altertable Lakehouse REST protocol
 * ({@code shared/protocol/lakehouse-rest.md}), shared by the client (reactive-rest), which writes requests and reads
 * responses, and by the in-process mock (reactive-mock), which does the reverse and must match the official mock byte
 * for byte.
 *
 * <h2>Writing</h2>
 * Keys are snake_case and written in the order the protocol gives per endpoint. Where the protocol says a key is always
 * present it is written as an explicit {@code null}; where it says the key is omitted, it is left out when {@code null}.
 * Requests leave out every unset optional field. These rules are annotations on the models, so they hold with any
 * {@code ObjectMapper}, even one configured to drop nulls globally; {@link ai.altertable.reactive.core.model.AltertableJson}
 * adds the few settings annotations cannot carry (compact output, lowercase hex escapes, exact numbers).
 *
 * <h2>Reading</h2>
 * Lenient: unknown keys are ignored (unknown metadata keys are kept), missing optional keys read as {@code null} (or
 * empty collections, or {@code false} for the {@code ok}/{@code valid}/{@code cancelled} flags), and an unknown enum
 * string never fails: it decodes to the enum's {@code UNKNOWN} constant, through a {@code @JsonCreator} factory that
 * works with any mapper. {@code UNKNOWN} is never sent: request builders reject it.
 *
 * <h2>Validation</h2>
 * Request records validate in their canonical constructor exactly what the official mock rejects with 422 (a missing
 * {@code statement}, negative {@code limit}, {@code offset} or {@code max_suggestions}), so a server decoding them
 * behaves like the mock. Ingestion options validate table names and key columns.
 */
package ai.altertable.reactive.core.model;
