package dev.lurcher.gc.api;

/**
 * The forwarding protocol that moving collectors use to copy an object exactly once.
 *
 * <p>A parallel copier calls {@link #tryClaim}; the winner copies {@link ObjectModel#objectSize}
 * bytes to a new place and calls {@link #commit}, or gives up with {@link #abort}. Losers wait
 * inside {@code tryClaim} or {@code forwardedAddress} until the winner commits or aborts. While an
 * object is claimed its size and fields must stay readable through the object model. A serial
 * collector may skip the claim and call {@code commit} directly: nobody races with it.
 *
 * <p>Implementations are usually a few bits of the object's header word; the standard layout
 * provides one.
 */
public interface Forwarding {
  /**
   * Returns the address {@code ref} was copied to, or 0 if it has not been forwarded. If another
   * thread holds a claim on it, waits for that thread to commit or abort.
   */
  long forwardedAddress(long ref);

  /**
   * Atomically claims {@code ref} for copying.
   *
   * @return 0 if the caller now owns the copy; otherwise the address another thread forwarded the
   *     object to (waiting while that thread is busy)
   */
  long tryClaim(long ref);

  /**
   * Publishes {@code copy} as the new home of {@code ref}. The caller has copied the object's bytes
   * to {@code copy}; this fixes up the copy's header (clearing any claim state) and makes {@code
   * ref} forward to it.
   */
  void commit(long ref, long copy);

  /** Releases a claim without copying: the object stays where it is. */
  void abort(long ref);
}
