/** Spring Boot integration for the migrations engine. */
package dev.migrations.boot;
