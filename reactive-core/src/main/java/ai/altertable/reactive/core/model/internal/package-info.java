/**
 * Jackson machinery behind the protocol models: the RFC 3339 instant codec of the query log and the boolean reader that
 * tells an explicit {@code null} from an absent key. Not API; may change without notice.
 */
package ai.altertable.reactive.core.model.internal;
