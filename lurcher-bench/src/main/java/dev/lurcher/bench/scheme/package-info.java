/**
 * Scheme programs in the workbench: {@code ./lurcher scheme} and {@code ./lurcher run scheme:NAME}.
 */
package dev.lurcher.bench.scheme;
