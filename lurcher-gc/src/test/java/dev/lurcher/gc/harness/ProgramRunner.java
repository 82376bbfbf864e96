package dev.lurcher.gc.harness;

import dev.lurcher.gc.api.Heap;
import dev.lurcher.gc.api.HeapExhaustedException;
import dev.lurcher.gc.api.HeapOptions;
import dev.lurcher.gc.api.Mutator;
import dev.lurcher.gc.events.CollectionKind;
import dev.lurcher.gc.events.GcEventListener;
import dev.lurcher.gc.harness.HarnessFailure.Kind;
import dev.lurcher.gc.harness.Op.Home;
import dev.lurcher.gc.layout.Shape;
import dev.lurcher.gc.memory.Memory;
import dev.lurcher.gc.verify.HeapVerificationException;
import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Runs a {@link Program} on a Lurcher heap and on a shadow model of plain Java objects in lockstep,
 * and after every op checks that the graph reachable from the roots on the heap is isomorphic to
 * the model's, field by field.
 *
 * <p>Why a shadow model: the heap verifier checks that the heap is well-formed, but a collector can
 * keep a perfectly well-formed heap and still have lost an edge, swapped two objects, copied one
 * object twice or left a root pointing at a stale copy. Only something that knows what the program
 * stored can tell. The comparison walks both graphs in parallel from the roots and keeps a
 * bijection between model objects and heap addresses, so it catches:
 *
 * <ul>
 *   <li>a wrong shape, array length, raw byte, null-ness or tagged immediate in any reachable field
 *       or root;
 *   <li>a reference outside the heap's allocated space (a from-space or otherwise stale pointer);
 *   <li>an object duplicated (one model object reached at two addresses: sharing broken);
 *   <li>two objects merged (one address reached for two model objects).
 * </ul>
 *
 * <p>Every run uses {@link #BASE_OPTIONS} (a small heap, so collections really happen; the verifier
 * on; full reference checks on), then the collector configuration, then {@code gc-torture}. Later
 * keys override earlier ones, so a configuration may, for instance, ask for a bigger heap.
 *
 * <p>The live data never exceeds a quarter of the heap size: an allocation that would take the
 * model's reachable bytes over that budget is skipped on both sides. So a {@link
 * HeapExhaustedException} is never expected, except for the {@link Op.Exhaust} op's request for
 * more than the whole heap, and is otherwise reported as a failure; the one exception is a
 * configuration that pins every object ({@code heap=conservative}), where fragmentation can
 * legitimately exhaust the heap: there the program ends, after checking the heap against the model.
 * (The model cannot predict exhaustion exactly because that depends on the collector's space
 * overheads; bounding the live data keeps the harness independent of the collector.)
 *
 * <p>The runner itself holds no heap reference in a Java local across anything that can collect:
 * every object is put into a root right after its allocation, and re-read from there.
 */
public final class ProgramRunner {
  /** Options every run starts from; the configuration and the torture setting come after. */
  public static final String BASE_OPTIONS = "heap-size=256k,checked=full,verify=true";

  private final Faults faults;

  /** A runner with no injected fault: the real harness. */
  public ProgramRunner() {
    this(Faults.NONE);
  }

  /** A runner that wraps what it hands the heap with {@code faults}. */
  public ProgramRunner(Faults faults) {
    this.faults = faults;
  }

  /** The full option string for {@code config} with torture {@code torture} (0: off). */
  public static String options(String config, int torture) {
    return BASE_OPTIONS + "," + config + ",gc-torture=" + torture;
  }

  /**
   * Runs {@code program} against a fresh heap configured by {@code config} (e.g. {@code
   * collector=semi}) with {@code gc-torture=torture}.
   *
   * @throws HarnessFailure if the heap and the model disagree, or the library throws
   */
  public RunResult run(Program program, String config, int torture) {
    String options = options(config, torture);
    try (Run run = new Run(program, options)) {
      return run.execute();
    }
  }

  /** Thrown by the comparison; turned into a {@link HarnessFailure} naming the op. */
  private static final class Mismatch extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Mismatch(String message) {
      super(message, null, false, false);
    }
  }

  /** Thrown when an op's operands do not apply; the op is skipped on both sides. */
  private static final class Skip extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Skip(String message) {
      super(message, null, false, false);
    }
  }

  /** How the comparison reached an object: from a root, or through a field of another object. */
  private record Via(int root, ShadowObject parent, int field) {}

  private final class Run implements AutoCloseable {
    private final Program program;
    private final String options;
    private final boolean pinsEverything;
    private final HarnessShapes shapes = new HarnessShapes();
    private final RootSlots roots;
    private final List<ShadowValue> model = new ArrayList<>();
    private final Heap heap;
    private final Mutator mutator;
    private final long budget;
    private final List<String> trace = new ArrayList<>();
    private int nextId;
    private long liveBytes;
    private int collections;
    private int allocationCollections;
    private int skipped;
    private long peakLive;
    private int peakRoots;

    Run(Program program, String options) {
      this.program = program;
      this.options = options;
      HeapOptions parsed = HeapOptions.parse(options);
      this.pinsEverything = parsed.conservativeHeap();
      this.budget = parsed.heapSize() / 4;
      this.roots = new RootSlots(program.size());
      Heap h = null;
      Mutator m;
      try {
        h =
            Heap.create(
                parsed,
                faults.model().apply(shapes.layout),
                faults.globalRoots().apply(roots.globalTracer()));
        h.addListener(
            new GcEventListener() {
              @Override
              public void start(CollectionKind kind) {
                collections++;
              }

              @Override
              public void mutatorCausedGc() {
                allocationCollections++;
              }
            });
        m = h.attach(faults.mutatorRoots().apply(roots.nativeTracer()));
      } catch (RuntimeException | Error e) {
        if (h != null) {
          h.close();
        }
        roots.close();
        throw e;
      }
      this.heap = h;
      this.mutator = m;
      roots.bindStack(m.roots());
    }

    RunResult execute() {
      List<Op> ops = program.ops();
      for (int i = 0; i < ops.size(); i++) {
        Op op = ops.get(i);
        try {
          String done;
          try {
            done = step(op);
          } catch (Skip e) {
            done = skip(e.getMessage());
          }
          trace.add(done);
          compare();
        } catch (Mismatch e) {
          throw failure(Kind.MISMATCH, i, e.getMessage(), null);
        } catch (HeapVerificationException e) {
          throw failure(Kind.VERIFIER, i, e.getMessage(), e);
        } catch (HeapExhaustedException e) {
          if (pinsEverything) {
            // With heap=conservative every object is pinned, so nothing can be evacuated and a few
            // survivors in every block can leave no room for a large object even with the live
            // data under the budget: an honest exhaustion. The heap must still match the model.
            try {
              compare();
            } catch (Mismatch after) {
              throw failure(
                  Kind.MISMATCH, i, "after " + e.getMessage() + ": " + after.getMessage(), e);
            }
            trace.add("exhausted with every object pinned: " + e.getMessage());
            break;
          }
          throw failure(
              Kind.EXHAUSTED,
              i,
              e.getMessage() + " (the model's live data was " + liveBytes + " bytes)",
              e);
        } catch (IllegalArgumentException e) {
          throw failure(Kind.API_CHECK, i, e.toString(), e);
        } catch (RuntimeException | AssertionError | LinkageError e) {
          throw failure(Kind.CRASH, i, e.toString(), e);
        }
      }
      return new RunResult(collections, allocationCollections, skipped, peakLive, peakRoots);
    }

    // ---- ops: each does the same to the heap and to the model, and says what it did ----

    private String step(Op op) {
      return switch (op) {
        case Op.Alloc a -> alloc(shapes.record(a.shape()), -1, a.home());
        case Op.AllocArray a -> alloc(shapes.array(a.kind()), a.length(), a.home());
        case Op.StoreRef s -> {
          int o = root(s.obj());
          ShadowObject obj = withRefs(o);
          int f = s.field() % obj.refs.length;
          int t = s.target() < 0 ? -1 : s.target() % model.size();
          ShadowValue target = t < 0 ? null : model.get(t);
          mutator.storeRef(roots.get(o), obj.refOffset(f), t < 0 ? 0 : roots.get(t));
          obj.refs[f] = target;
          yield "r" + o + slot(obj, f) + " := " + (t < 0 ? "null" : "r" + t) + "  (" + target + ")";
        }
        case Op.StoreImmediate s -> {
          int o = root(s.obj());
          ShadowObject obj = withRefs(o);
          int f = s.field() % obj.refs.length;
          ShadowValue.Immediate value = ShadowValue.Immediate.of(s.value());
          mutator.storeRef(roots.get(o), obj.refOffset(f), value.bits());
          obj.refs[f] = value;
          yield "r" + o + slot(obj, f) + " := " + value;
        }
        case Op.StoreRaw s -> {
          int o = root(s.obj());
          ShadowObject obj = withRaw(o);
          long ref = roots.get(o);
          if (obj.rawWords() > 0) {
            int k = s.index() % obj.rawWords();
            mutator.storeWord(ref, obj.rawStart() + 8L * k, s.value());
            obj.setWord(k, s.value());
            yield "r" + o + " (" + obj + ") word " + k + " := " + s.value();
          }
          int b = s.index() % obj.raw.length;
          mutator.storeByte(ref, obj.rawStart() + b, (byte) s.value());
          obj.raw[b] = (byte) s.value();
          yield "r" + o + " (" + obj + ") byte " + b + " := " + (byte) s.value();
        }
        case Op.LoadRef l -> {
          int o = root(l.obj());
          ShadowObject obj = withRefs(o);
          int f = l.field() % obj.refs.length;
          long value = mutator.loadRef(roots.get(o), obj.refOffset(f));
          pushRoot(l.home(), value, obj.refs[f]);
          yield "r"
              + (model.size() - 1)
              + " = r"
              + o
              + slot(obj, f)
              + " ["
              + l.home().label()
              + "]  ("
              + obj.refs[f]
              + ")";
        }
        case Op.ReadRaw r -> {
          int o = root(r.obj());
          ShadowObject obj = withRaw(o);
          long ref = roots.get(o);
          long expected;
          long actual;
          String what;
          if (obj.rawWords() > 0) {
            int k = r.index() % obj.rawWords();
            expected = obj.word(k);
            actual = mutator.loadWord(ref, obj.rawStart() + 8L * k);
            what = "word " + k;
          } else {
            int b = r.index() % obj.raw.length;
            expected = obj.raw[b];
            actual = mutator.loadByte(ref, obj.rawStart() + b);
            what = "byte " + b;
          }
          if (expected != actual) {
            throw new Mismatch(
                "reading r"
                    + o
                    + " ("
                    + obj
                    + ") "
                    + what
                    + ": expected "
                    + expected
                    + ", heap "
                    + actual);
          }
          yield "read r" + o + " (" + obj + ") " + what + " = " + actual;
        }
        case Op.PushRoot p -> {
          int o = root(p.root());
          pushRoot(p.home(), roots.get(o), model.get(o));
          yield "r"
              + (model.size() - 1)
              + " = r"
              + o
              + " ["
              + p.home().label()
              + "]  ("
              + model.get(o)
              + ")";
        }
        case Op.DropRoot d -> {
          int o = root(d.root());
          ShadowValue gone = model.remove(o);
          roots.remove(o);
          yield "drop r" + o + "  (" + gone + "); later roots shift down";
        }
        case Op.Collect c -> {
          mutator.collect();
          yield "collect";
        }
        case Op.Exhaust e -> {
          long length = heap.heapSize();
          int before = allocationCollections;
          try {
            shapes.layout.allocateArray(mutator, shapes.byteArray, length);
          } catch (HeapExhaustedException expected) {
            allocationCollections = before; // the statistic counts only collections that helped
            yield "exhaust: a " + length + "-byte array threw HeapExhaustedException, as it must";
          }
          throw new Mismatch(
              "a byte array of " + length + " elements, larger than the whole heap, was allocated");
        }
        case Op.Churn c -> churn(c.count(), c.seed());
      };
    }

    /** The root an operand selects; skips the op if there is none. */
    private int root(int operand) {
      if (model.isEmpty()) {
        throw new Skip("no roots");
      }
      return operand % model.size();
    }

    /** The object in root {@code o}, which must have reference slots; skips the op otherwise. */
    private ShadowObject withRefs(int o) {
      if (model.get(o) instanceof ShadowObject obj && obj.refs.length > 0) {
        return obj;
      }
      throw new Skip("r" + o + " holds " + model.get(o) + ", no reference slots");
    }

    /** The object in root {@code o}, which must have raw bytes; skips the op otherwise. */
    private ShadowObject withRaw(int o) {
      if (model.get(o) instanceof ShadowObject obj && obj.raw.length > 0) {
        return obj;
      }
      throw new Skip("r" + o + " holds " + model.get(o) + ", no raw bytes");
    }

    private String alloc(Shape shape, int length, Home home) {
      ShadowObject obj =
          length < 0
              ? ShadowObject.record(nextId + 1, shape)
              : ShadowObject.array(nextId + 1, shape, length);
      if (liveBytes + obj.size > budget) {
        return skip(
            obj
                + " ("
                + obj.size
                + " bytes) would take the live data over the budget of "
                + budget);
      }
      nextId++;
      // No allocation may happen between allocate and the root push below: ref is only a local.
      long ref =
          length < 0
              ? shapes.layout.allocate(mutator, shape)
              : shapes.layout.allocateArray(mutator, shape, length);
      if (obj.rawWords() > 0) {
        obj.setWord(0, obj.id);
        mutator.storeWord(ref, obj.rawStart(), obj.id);
      } else if (shape.kind() == Shape.Kind.BYTE_ARRAY) {
        SplittableRandom random = new SplittableRandom(obj.id);
        for (int i = 0; i < obj.raw.length; i++) {
          obj.raw[i] = (byte) random.nextInt(256);
        }
        for (int i = 0; i < obj.raw.length; i++) {
          mutator.storeByte(ref, obj.rawStart() + i, obj.raw[i]);
        }
      }
      pushRoot(home, ref, obj);
      return "r" + (model.size() - 1) + " = new " + obj + " [" + home.label() + "]";
    }

    private String churn(int count, int seed) {
      SplittableRandom random = new SplittableRandom(seed);
      for (int i = 0; i < count; i++) {
        // Half small objects, half byte arrays of up to 4 KiB: about 50 KiB per 50 objects.
        switch (random.nextInt(4)) {
          case 0 -> shapes.layout.allocate(mutator, shapes.record(random.nextInt(64)));
          case 1 -> shapes.layout.allocateArray(mutator, shapes.refArray, random.nextInt(50));
          default -> shapes.layout.allocateArray(mutator, shapes.byteArray, random.nextInt(4096));
        }
      }
      return "churn: " + count + " garbage objects";
    }

    private void pushRoot(Home home, long value, ShadowValue obj) {
      roots.push(home, value);
      model.add(obj);
      peakRoots = Math.max(peakRoots, model.size());
    }

    private String skip(String why) {
      skipped++;
      return "skipped: " + why;
    }

    private static String slot(ShadowObject obj, int f) {
      return obj.isArray() ? "[" + f + "]" : ".f" + f;
    }

    // ---- the comparison ----

    /**
     * Walks the heap's graph and the model's from the roots in parallel, keeping a bijection
     * between model objects and heap addresses, and throws a {@link Mismatch} at the first
     * difference. Records the model's reachable bytes for the live budget.
     */
    private void compare() {
      if (roots.size() != model.size()) {
        throw new IllegalStateException("harness bug: root counts differ");
      }
      Walk walk = new Walk();
      for (int r = 0; r < model.size(); r++) {
        walk.visit(model.get(r), roots.get(r), new Via(r, null, -1));
      }
      while (!walk.work.isEmpty()) {
        ShadowObject s = walk.work.pop();
        long h = walk.addressOf.get(s);
        compareContents(s, h, walk.via);
        for (int f = 0; f < s.refs.length; f++) {
          walk.visit(s.refs[f], mutator.loadRef(h, s.refOffset(f)), new Via(-1, s, f));
        }
      }
      liveBytes = walk.live;
      peakLive = Math.max(peakLive, walk.live);
    }

    /** The state of one comparison: the bijection, how each object was reached, the work list. */
    private final class Walk {
      final IdentityHashMap<ShadowObject, Long> addressOf = new IdentityHashMap<>();
      final Map<Long, ShadowObject> objectAt = new HashMap<>();
      final IdentityHashMap<ShadowObject, Via> via = new IdentityHashMap<>();
      final ArrayDeque<ShadowObject> work = new ArrayDeque<>();
      long live;

      void visit(ShadowValue value, long actual, Via here) {
        if (value instanceof ShadowValue.Immediate immediate) {
          if (actual != immediate.bits()) {
            throw new Mismatch(
                path(here, via)
                    + ": expected "
                    + immediate
                    + ", heap holds "
                    + hex(actual)
                    + " (a collector must leave tagged words alone)");
          }
          return;
        }
        ShadowObject expected = (ShadowObject) value;
        boolean fresh = expected != null && !addressOf.containsKey(expected);
        live += match(expected, actual, here, addressOf, objectAt, via);
        if (fresh) {
          work.push(expected);
        }
      }
    }

    /** Matches one reference; returns the bytes newly found live. */
    private long match(
        ShadowObject expected,
        long actual,
        Via here,
        IdentityHashMap<ShadowObject, Long> addressOf,
        Map<Long, ShadowObject> objectAt,
        IdentityHashMap<ShadowObject, Via> via) {
      if (expected == null) {
        if (actual != 0) {
          ShadowObject other = objectAt.get(actual);
          throw new Mismatch(
              path(here, via)
                  + ": expected null, heap holds "
                  + hex(actual)
                  + (other != null
                      ? " (which is " + other + ", reached via " + path(via.get(other), via) + ")"
                      : ""));
        }
        return 0;
      }
      if (actual == 0) {
        throw new Mismatch(
            path(here, via) + ": expected " + expected + ", heap holds null (an edge was lost)");
      }
      ShadowObject other = objectAt.get(actual);
      if (other == expected) {
        return 0; // seen before, at the same address
      }
      Long known = addressOf.get(expected);
      String seen =
          known == null
              ? ""
              : " (seen at " + hex(known) + " via " + path(via.get(expected), via) + ")";
      if (other != null) {
        throw new Mismatch(
            path(here, via)
                + ": expected "
                + expected
                + seen
                + ", but heap holds "
                + hex(actual)
                + ", which is "
                + other
                + " (reached via "
                + path(via.get(other), via)
                + "): two objects were merged");
      }
      if ((actual & 15) != 0 || !heap.contains(actual)) {
        throw new Mismatch(
            path(here, via)
                + ": expected "
                + expected
                + seen
                + ", heap holds "
                + hex(actual)
                + ", which is not in the heap's allocated space (a stale or from-space reference)");
      }
      if (known != null) {
        throw new Mismatch(
            path(here, via)
                + ": expected "
                + expected
                + seen
                + ", but heap holds "
                + hex(actual)
                + ", a different address: sharing is broken (was the object copied twice?)");
      }
      addressOf.put(expected, actual);
      objectAt.put(actual, expected);
      via.put(expected, here);
      return expected.size;
    }

    private void compareContents(ShadowObject s, long h, IdentityHashMap<ShadowObject, Via> via) {
      String problem = heap.model().checkHeader(h);
      if (problem != null) {
        throw new Mismatch(path(via.get(s), via) + " (" + hex(h) + "): bad header: " + problem);
      }
      Shape actual = shapes.layout.shapeOf(h);
      if (actual != s.shape) {
        throw new Mismatch(
            path(via.get(s), via)
                + " ("
                + hex(h)
                + "): expected "
                + s
                + ", heap object has shape "
                + actual);
      }
      if (s.isArray()) {
        long length = shapes.layout.arrayLength(h);
        long expectedLength = Math.max(s.refs.length, s.raw.length);
        if (length != expectedLength) {
          throw new Mismatch(
              path(via.get(s), via)
                  + " ("
                  + hex(h)
                  + "): expected "
                  + s
                  + ", heap length "
                  + length);
        }
      }
      long size = heap.model().objectSize(h);
      if (size != s.size) {
        throw new Mismatch(
            path(via.get(s), via)
                + " ("
                + hex(h)
                + "): expected "
                + s.size
                + " bytes, heap object has "
                + size);
      }
      if (s.raw.length > 0) {
        MemorySegment bytes = Memory.ALL.asSlice(h + s.rawStart(), s.raw.length);
        long at = bytes.mismatch(MemorySegment.ofArray(s.raw));
        if (at >= 0) {
          throw new Mismatch(
              path(via.get(s), via)
                  + " ("
                  + hex(h)
                  + "): raw byte "
                  + at
                  + " is "
                  + bytes.get(java.lang.foreign.ValueLayout.JAVA_BYTE, at)
                  + ", expected "
                  + s.raw[(int) at]
                  + (s.rawWords() > 0 && at < 8 ? " (word 0 holds the object's id)" : ""));
        }
      }
    }

    /** A readable path such as {@code r2 → #5 wide.f4 → #9 ref-array[7]}. */
    private String path(Via here, IdentityHashMap<ShadowObject, Via> via) {
      List<String> parts = new ArrayList<>();
      Via v = here;
      int guard = 0;
      while (v != null && v.parent() != null && guard++ < 64) {
        parts.add(0, " → " + v.parent() + slot(v.parent(), v.field()));
        v = via.get(v.parent());
      }
      String start = v == null ? "?" : v.parent() == null ? "r" + v.root() : "…";
      return start + String.join("", parts);
    }

    private HarnessFailure failure(Kind kind, int index, String detail, Throwable cause) {
      StringBuilder out = new StringBuilder();
      out.append("differential harness: ")
          .append(kind)
          .append(" at op ")
          .append(index)
          .append(" [")
          .append(program.ops().get(index))
          .append("] of ")
          .append(program.size())
          .append('\n');
      out.append("  options:     ").append(options).append('\n');
      if (!faults.equals(Faults.NONE)) {
        out.append("  fault:       ").append(faults.name()).append('\n');
      }
      out.append("  collections: ").append(collections).append('\n');
      out.append("  problem:     ").append(detail).append('\n');
      out.append("ops as executed:\n");
      for (int i = 0; i < trace.size(); i++) {
        out.append(String.format(Locale.ROOT, "%4d: %s%n", i, trace.get(i)));
      }
      if (trace.size() == index) {
        out.append(
            String.format(
                Locale.ROOT, "%4d: %s  <-- failed here%n", index, program.ops().get(index)));
      } else {
        out.append("      (the check after op ").append(index).append(" failed)\n");
      }
      out.append(program);
      return new HarnessFailure(kind, index, program, out.toString(), cause);
    }

    private static String hex(long value) {
      return "0x" + Long.toHexString(value);
    }

    @Override
    public void close() {
      try {
        heap.close();
      } finally {
        roots.close();
      }
    }
  }
}
