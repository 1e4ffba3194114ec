/**
 * The migrations engine's public API: the facade and its value types. Null is never a value here
 * unless a type says {@code @Nullable}.
 */
@NullMarked
package dev.migrations;

import org.jspecify.annotations.NullMarked;
