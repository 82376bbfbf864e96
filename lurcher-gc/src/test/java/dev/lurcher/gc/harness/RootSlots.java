package dev.lurcher.gc.harness;

import dev.lurcher.gc.api.RootStack;
import dev.lurcher.gc.api.RootTracer;
import dev.lurcher.gc.harness.Op.Home;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The heap side of a program's roots: an ordered list of logical roots, each living in one of three
 * {@link Home homes} that reach the collector by different paths (the mutator's root stack, a
 * global tracer's {@code visitValue}, a mutator tracer's {@code visitEdge} on native slots).
 *
 * <p>Logical root {@code i} of the program is the {@code i}th entry here and the {@code i}th of the
 * shadow model's root list; dropping one shifts the later ones down in both. Inside a home, slots
 * are kept dense by moving the home's last slot into the hole.
 */
final class RootSlots implements AutoCloseable {
  private record Ref(Home home, int slot) {}

  private final List<Ref> order = new ArrayList<>();
  private RootStack stack;
  private long[] globals = new long[16];
  private int globalCount;
  // Shared, not confined: a parallel collector may trace roots from its worker threads.
  private final Arena arena = Arena.ofShared();
  private final MemorySegment natives;
  private final int nativeCapacity;
  private int nativeCount;

  /** Room for {@code maxNative} native slots (a program pushes at most one root per op). */
  RootSlots(int maxNative) {
    this.nativeCapacity = Math.max(1, maxNative);
    this.natives = arena.allocate(8L * nativeCapacity, 16);
  }

  /** Binds the root-stack home to the mutator's stack, once the mutator exists. */
  void bindStack(RootStack rootStack) {
    this.stack = rootStack;
  }

  /** Reports the {@link Home#GLOBAL} roots by value and stores back what the collector returns. */
  RootTracer globalTracer() {
    return visitor -> {
      for (int i = 0; i < globalCount; i++) {
        globals[i] = visitor.visitValue(globals[i]);
      }
    };
  }

  /** Reports the {@link Home#NATIVE} roots as edges: the collector updates the slots itself. */
  RootTracer nativeTracer() {
    return visitor -> {
      long base = natives.address();
      for (int i = 0; i < nativeCount; i++) {
        visitor.visitEdge(base + 8L * i);
      }
    };
  }

  int size() {
    return order.size();
  }

  Home home(int i) {
    return order.get(i).home();
  }

  long get(int i) {
    Ref r = order.get(i);
    return getSlot(r.home(), r.slot());
  }

  void push(Home home, long value) {
    int slot =
        switch (home) {
          case STACK -> stack.push(value);
          case GLOBAL -> {
            if (globalCount == globals.length) {
              globals = Arrays.copyOf(globals, 2 * globals.length);
            }
            globals[globalCount] = value;
            yield globalCount++;
          }
          case NATIVE -> {
            if (nativeCount == nativeCapacity) {
              throw new IllegalStateException("harness bug: native root slots exhausted");
            }
            natives.setAtIndex(ValueLayout.JAVA_LONG, nativeCount, value);
            yield nativeCount++;
          }
        };
    order.add(new Ref(home, slot));
  }

  void remove(int i) {
    Ref gone = order.remove(i);
    int last =
        switch (gone.home()) {
          case STACK -> stack.size() - 1;
          case GLOBAL -> globalCount - 1;
          case NATIVE -> nativeCount - 1;
        };
    if (gone.slot() != last) {
      // Move the home's last slot into the hole and repoint the logical root that owned it.
      int owner = order.indexOf(new Ref(gone.home(), last));
      setSlot(gone.home(), gone.slot(), getSlot(gone.home(), last));
      order.set(owner, new Ref(gone.home(), gone.slot()));
    }
    switch (gone.home()) {
      case STACK -> stack.pop();
      case GLOBAL -> globals[--globalCount] = 0;
      case NATIVE -> natives.setAtIndex(ValueLayout.JAVA_LONG, --nativeCount, 0L);
    }
  }

  private long getSlot(Home home, int slot) {
    return switch (home) {
      case STACK -> stack.get(slot);
      case GLOBAL -> globals[slot];
      case NATIVE -> natives.getAtIndex(ValueLayout.JAVA_LONG, slot);
    };
  }

  private void setSlot(Home home, int slot, long value) {
    switch (home) {
      case STACK -> stack.set(slot, value);
      case GLOBAL -> globals[slot] = value;
      case NATIVE -> natives.setAtIndex(ValueLayout.JAVA_LONG, slot, value);
    }
  }

  @Override
  public void close() {
    arena.close();
  }
}
