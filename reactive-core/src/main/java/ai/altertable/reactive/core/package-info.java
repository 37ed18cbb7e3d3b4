/**
 * What both transports share and nothing transport-specific: {@link ai.altertable.reactive.core.Credentials} and
 * {@link ai.altertable.reactive.core.CredentialsProvider}, the {@link ai.altertable.reactive.core.RetryPolicy},
 * {@link ai.altertable.reactive.core.BatchingOptions} and {@link ai.altertable.reactive.core.DeliveryGuarantee} of
 * batched writes, and the failures: one unchecked root, {@link ai.altertable.reactive.core.AltertableException}, with
 * its {@link ai.altertable.reactive.core.ErrorContext} (operation, method and path or RPC, status, request id) and a
 * subtype per cause. Nothing here holds a resource: there is nothing to close.
 */
package ai.altertable.reactive.core;
