package dev.lurcher.gc.harness;

/**
 * What a reference slot or root of the shadow model holds: null (Java {@code null}), an object, or
 * a tagged immediate.
 */
sealed interface ShadowValue permits ShadowObject, ShadowValue.Immediate {
  /**
   * A non-reference word with some of its low four bits set: the embedder's tagged immediate (a
   * small integer, a character...). Collectors must leave it as it is, in fields and in roots.
   */
  record Immediate(long bits) implements ShadowValue {
    /** Makes {@code value} an immediate: if its low four bits are clear, sets bit 3. */
    static Immediate of(long value) {
      return new Immediate((value & 15) != 0 ? value : value | 8);
    }

    @Override
    public String toString() {
      return "immediate 0x" + Long.toHexString(bits);
    }
  }
}
