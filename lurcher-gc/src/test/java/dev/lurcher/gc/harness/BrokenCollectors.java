package dev.lurcher.gc.harness;

import dev.lurcher.gc.api.EdgeVisitor;
import dev.lurcher.gc.api.Forwarding;
import dev.lurcher.gc.api.ObjectModel;
import dev.lurcher.gc.api.RootVisitor;
import dev.lurcher.gc.layout.StandardLayout;
import dev.lurcher.gc.memory.Memory;

/**
 * Realistic collector bugs, injected through {@link Faults} wrappers around the object model and
 * the root tracers, so that the harness can be shown to catch them without any change to library
 * code. Each mimics a mistake a collector author could make: the collector sees the world through
 * exactly these interfaces.
 */
final class BrokenCollectors {
  private BrokenCollectors() {}

  /**
   * The collector misses an edge: tracing skips the last reference field of {@code shapeName}
   * records, as an off-by-one in a field loop would. The field keeps pointing at the old copy
   * (from-space), and an object reachable only through it is lost.
   *
   * <p>The heap verifier cannot see this one: it traces through the same object model, so it skips
   * the same field. Only the shadow model, which knows what was stored there, can tell.
   */
  static Faults missedEdge(String shapeName) {
    return Faults.inModel(
        "the collector skips the last reference field of '" + shapeName + "' records",
        real ->
            new DelegatingModel(real) {
              @Override
              public void traceObject(long ref, EdgeVisitor visitor) {
                StandardLayout layout = (StandardLayout) model;
                var shape = layout.shapeOf(ref);
                if (!shape.name().equals(shapeName)) {
                  model.traceObject(ref, visitor);
                  return;
                }
                long last = ref + shape.refOffset(shape.refFields() - 1);
                model.traceObject(
                    ref,
                    edge -> {
                      if (edge != last) {
                        visitor.visitEdge(edge);
                      }
                    });
              }
            });
  }

  /**
   * A root is reported but its update is dropped: the global root tracer calls {@code visitValue}
   * and ignores the moved address it returns, so the root goes stale after a moving collection.
   * This is the classic embedder (or root-set) bug of updating a copy instead of the slot.
   */
  static Faults staleGlobalRoot() {
    return Faults.inGlobalRoots(
        "the global root tracer drops the updated value visitValue returns",
        tracer ->
            visitor ->
                tracer.traceRoots(
                    new RootVisitor() {
                      @Override
                      public void visitEdge(long edgeAddress) {
                        visitor.visitEdge(edgeAddress);
                      }

                      @Override
                      public long visitValue(long value) {
                        visitor.visitValue(value); // the moved address is dropped
                        return value;
                      }
                    }));
  }

  /**
   * The copier loses a forwarding pointer: every {@code every}th commit copies the object but
   * leaves the old copy unforwarded, as a racy or misordered header write would, so the next
   * reference to the object copies it again. The heap stays well-formed (both copies are whole and
   * reachable), so the verifier passes; but two references that shared one object now see two, and
   * a store through one is invisible through the other.
   *
   * <p>At most {@code limit} forwarding pointers are lost per heap, so that the duplicates stay
   * bounded and the copy can never run past to-space.
   */
  static Faults lostForwarding(int every, int limit) {
    return Faults.inModel(
        "the copier loses the forwarding pointer of every "
            + every
            + "th object it copies (at most "
            + limit
            + " per heap)",
        model -> {
          Forwarding real = model.forwarding();
          Forwarding broken =
              new Forwarding() {
                private int commits;
                private int lost;

                @Override
                public long forwardedAddress(long ref) {
                  return real.forwardedAddress(ref);
                }

                @Override
                public long tryClaim(long ref) {
                  return real.tryClaim(ref);
                }

                @Override
                public void commit(long ref, long copy) {
                  long header = Memory.getLong(ref);
                  real.commit(ref, copy);
                  if (++commits % every == 0 && lost < limit) {
                    lost++;
                    Memory.putLong(ref, header); // the forwarding pointer never lands
                  }
                }

                @Override
                public void abort(long ref) {
                  real.abort(ref);
                }
              };
          return new DelegatingModel(model) {
            @Override
            public Forwarding forwarding() {
              return broken;
            }
          };
        });
  }

  /**
   * The copier copies one word short: the last word of every object larger than 16 bytes is zero in
   * its copy, as an off-by-one in the copy length would leave it (the allocator zeroes memory).
   * Headers and array lengths survive, so the heap stays well-formed and the verifier passes; what
   * is lost is a raw word or the last reference of an object, which only the shadow model knows.
   */
  static Faults truncatedCopy() {
    return Faults.inModel(
        "the copier drops the last word of every object it copies",
        real -> {
          Forwarding forwarding = real.forwarding();
          Forwarding broken =
              new Forwarding() {
                @Override
                public long forwardedAddress(long ref) {
                  return forwarding.forwardedAddress(ref);
                }

                @Override
                public long tryClaim(long ref) {
                  return forwarding.tryClaim(ref);
                }

                @Override
                public void commit(long ref, long copy) {
                  forwarding.commit(ref, copy);
                  long size = real.objectSize(copy);
                  if (size > 16) {
                    Memory.putLong(copy + size - 8, 0);
                  }
                }

                @Override
                public void abort(long ref) {
                  forwarding.abort(ref);
                }
              };
          return new DelegatingModel(real) {
            @Override
            public Forwarding forwarding() {
              return broken;
            }
          };
        });
  }

  /** An object model that delegates everything; the faults above override one method. */
  static class DelegatingModel implements ObjectModel {
    final ObjectModel model;

    DelegatingModel(ObjectModel model) {
      this.model = model;
    }

    @Override
    public void traceObject(long ref, EdgeVisitor visitor) {
      model.traceObject(ref, visitor);
    }

    @Override
    public long objectSize(long ref) {
      return model.objectSize(ref);
    }

    @Override
    public Forwarding forwarding() {
      return model.forwarding();
    }

    @Override
    public String checkHeader(long ref) {
      return model.checkHeader(ref);
    }

    @Override
    public String describe(long ref) {
      return model.describe(ref);
    }
  }
}
