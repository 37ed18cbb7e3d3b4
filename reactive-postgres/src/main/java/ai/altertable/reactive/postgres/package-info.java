/**
 * The Postgres-wire client of the Altertable lakehouse: {@link ai.altertable.reactive.postgres.LakehousePostgresClient}
 * and its {@link ai.altertable.reactive.postgres.PostgresClientOptions}.
 */
package ai.altertable.reactive.postgres;
