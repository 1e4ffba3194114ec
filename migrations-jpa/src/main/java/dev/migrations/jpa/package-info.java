/**
 * JPA entities as the model of {@code revision --autogenerate} and {@code check}: Hibernate's schema
 * export creates the entities' tables in the scratch schema, which is then reflected like any other
 * model. Kept out of migrations-core so the engine stays free of Hibernate.
 */
package dev.migrations.jpa;
