/**
 * The migrations commands as Maven goals: each goal resolves its parameters the way the command line
 * resolves its options, runs the engine's public API, and turns what the command line exits non-zero
 * with into a failed build.
 */
@NullMarked
package dev.migrations.maven;

import org.jspecify.annotations.NullMarked;
