package dev.lurcher.gc.api;

import java.util.Arrays;

/**
 * A ready-made precise root stack for embedders that have none of their own: every mutator owns
 * one, and collections trace and update it.
 *
 * <p>Push a reference to keep it alive across anything that can collect, and read it back with
 * {@link #get} afterwards: a moving collector updates the slot, not the caller's local. {@link
 * #mark()} and {@link #reset(int)} give handle scopes. A root stack belongs to its mutator's thread
 * and takes no locks.
 */
public final class RootStack {
  private long[] slots = new long[64];
  private int top;

  /** Pushes {@code ref} and returns its slot index. */
  public int push(long ref) {
    if (top == slots.length) {
      slots = Arrays.copyOf(slots, slots.length * 2);
    }
    slots[top] = ref;
    return top++;
  }

  /** Removes and returns the top slot's value. */
  public long pop() {
    if (top == 0) {
      throw new IllegalStateException("root stack is empty");
    }
    return slots[--top];
  }

  /** Returns the value in slot {@code index}. */
  public long get(int index) {
    return slots[checkIndex(index)];
  }

  /** Replaces the value in slot {@code index}. */
  public void set(int index, long ref) {
    slots[checkIndex(index)] = ref;
  }

  /** The number of slots in use. */
  public int size() {
    return top;
  }

  /** Returns a mark for {@link #reset(int)}: opening a handle scope. */
  public int mark() {
    return top;
  }

  /** Drops every slot pushed since {@code mark}: closing a handle scope. */
  public void reset(int mark) {
    if (mark < 0 || mark > top) {
      throw new IllegalArgumentException("mark " + mark + " is not within [0, " + top + "]");
    }
    Arrays.fill(slots, mark, top, 0L);
    top = mark;
  }

  /** Reports every slot to {@code visitor} and stores back the updated values. */
  public void trace(RootVisitor visitor) {
    long[] s = slots;
    for (int i = 0, n = top; i < n; i++) {
      s[i] = visitor.visitValue(s[i]);
    }
  }

  private int checkIndex(int index) {
    if (index < 0 || index >= top) {
      throw new IndexOutOfBoundsException("root slot " + index + " is not within [0, " + top + ")");
    }
    return index;
  }
}
