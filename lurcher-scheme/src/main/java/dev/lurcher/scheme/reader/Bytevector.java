package dev.lurcher.scheme.reader;

import java.util.Arrays;

/** A bytevector literal {@code #vu8(...)} in source data. */
public final class Bytevector {
  private final byte[] bytes;

  /** Wraps a copy of {@code bytes}. */
  public Bytevector(byte[] bytes) {
    this.bytes = bytes.clone();
  }

  /** A copy of the bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The number of bytes. */
  public int length() {
    return bytes.length;
  }

  /** The byte at {@code index}, as 0..255. */
  public int get(int index) {
    return bytes[index] & 0xff;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bytevector b && Arrays.equals(bytes, b.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }
}
