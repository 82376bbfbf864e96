package dev.lurcher.scheme.runtime;

/**
 * The encoding of Scheme values as 64-bit words.
 *
 * <pre>
 * ...xxxx0000  heap reference: a 16-byte-aligned native address (never 0)
 * ...xxxxxx01  fixnum: the 62-bit integer n is stored as n &lt;&lt; 2 | 1
 * ...0000 0010 immediates: #f #t () unspecified eof undefined (and the internal tail-call mark)
 * cp  0000 0110 character with code point cp (bits 8 and up)
 * </pre>
 *
 * <p>Why these tags: the collector ignores any slot whose low four bits are not all zero, so
 * fixnums, characters and immediates can sit in reference fields and root slots untouched, while a
 * reference is a raw address the collector can read and update without unmasking.
 */
public final class Values {
  /** {@code #f}: the only false value. */
  public static final long FALSE = 0x02;

  /** {@code #t}. */
  public static final long TRUE = 0x12;

  /** The empty list. */
  public static final long NIL = 0x22;

  /** The unspecified value returned by side-effecting procedures. */
  public static final long UNSPEC = 0x32;

  /** The end-of-file object. */
  public static final long EOF = 0x42;

  /** The value of a letrec variable before its initialisation. */
  public static final long UNDEFINED = 0x52;

  /**
   * Not a Scheme value: returned by compiled code that has placed a tail call's procedure and
   * arguments at its frame base, for the trampoline in the caller to perform.
   */
  public static final long TAIL = 0x62;

  /** The low byte of every character. */
  public static final long CHAR_TAG = 0x06;

  /** The smallest fixnum, -2^61. */
  public static final long FIXNUM_MIN = -(1L << 61);

  /** The largest fixnum, 2^61 - 1. */
  public static final long FIXNUM_MAX = (1L << 61) - 1;

  private Values() {}

  /** The fixnum {@code n}, which must be in range. */
  public static long fix(long n) {
    return (n << 2) | 1;
  }

  /** The integer of fixnum {@code v}. */
  public static long unfix(long v) {
    return v >> 2;
  }

  /** Whether {@code v} is a fixnum. */
  public static boolean isFixnum(long v) {
    return (v & 3) == 1;
  }

  /** Whether {@code n} fits in a fixnum. */
  public static boolean fitsFixnum(long n) {
    return ((n << 2) >> 2) == n;
  }

  /** Whether {@code v} is a heap reference. */
  public static boolean isRef(long v) {
    return (v & 15) == 0 && v != 0;
  }

  /** The character with code point {@code cp}. */
  public static long chr(int cp) {
    return ((long) cp << 8) | CHAR_TAG;
  }

  /** Whether {@code v} is a character. */
  public static boolean isChar(long v) {
    return (v & 0xff) == CHAR_TAG;
  }

  /** The code point of character {@code v}. */
  public static int charCode(long v) {
    return (int) (v >>> 8);
  }

  /** The boolean {@code b}. */
  public static long bool(boolean b) {
    return b ? TRUE : FALSE;
  }
}
