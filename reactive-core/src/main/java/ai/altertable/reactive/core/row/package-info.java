/**
 * The row model, the same over REST and Flight: {@link ai.altertable.reactive.core.row.Row} (cells by position or
 * name, as natural Java values of their {@link ai.altertable.reactive.core.row.DuckDbType}), its
 * {@link ai.altertable.reactive.core.row.RowMetadata} and {@link ai.altertable.reactive.core.row.Column}s, and
 * {@link ai.altertable.reactive.core.row.RowMapper}, which maps rows to records or beans by column name.
 *
 * <p>Rows hold plain Java values, never network or Arrow buffers: nothing to close, valid on any thread for as long as
 * they are referenced.
 */
package ai.altertable.reactive.core.row;
