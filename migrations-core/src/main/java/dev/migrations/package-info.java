/** The migrations engine's public API: the facade and its value types. */
package dev.migrations;
