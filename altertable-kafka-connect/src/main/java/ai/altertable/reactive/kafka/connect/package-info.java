/**
 * A Kafka Connect sink connector for Altertable ({@link ai.altertable.reactive.kafka.connect.AltertableSinkConnector}),
 * built on the library's batching engine. {@code internal} is not API.
 */
package ai.altertable.reactive.kafka.connect;
