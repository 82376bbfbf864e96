/**
 * Cooperative stop-the-world: mutators park at safepoints or step aside while inactive, so one
 * thread can collect. Knows nothing of collectors or spaces.
 *
 * <p>Uses only {@code java.util.concurrent}.
 */
package dev.lurcher.gc.safepoint;
