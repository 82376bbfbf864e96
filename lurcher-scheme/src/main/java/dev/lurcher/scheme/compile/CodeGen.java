package dev.lurcher.scheme.compile;

import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;
import static java.lang.constant.ConstantDescs.CD_void;

import dev.lurcher.scheme.expand.Node;
import dev.lurcher.scheme.expand.Node.Call;
import dev.lurcher.scheme.expand.Node.Const;
import dev.lurcher.scheme.expand.Node.GlobalRef;
import dev.lurcher.scheme.expand.Node.GlobalSet;
import dev.lurcher.scheme.expand.Node.If;
import dev.lurcher.scheme.expand.Node.Lambda;
import dev.lurcher.scheme.expand.Node.Let;
import dev.lurcher.scheme.expand.Node.Letrec;
import dev.lurcher.scheme.expand.Node.LocalRef;
import dev.lurcher.scheme.expand.Node.LocalSet;
import dev.lurcher.scheme.expand.Node.PrimCall;
import dev.lurcher.scheme.expand.Node.Seq;
import dev.lurcher.scheme.expand.Node.Unspecified;
import dev.lurcher.scheme.expand.Prim;
import dev.lurcher.scheme.expand.Var;
import dev.lurcher.scheme.reader.Nil;
import dev.lurcher.scheme.reader.SChar;
import dev.lurcher.scheme.runtime.Values;
import java.lang.classfile.ClassBuilder;
import java.lang.classfile.ClassFile;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.classfile.instruction.SwitchCase;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Emits the class of one program.
 *
 * <p>Calling convention: a call places the procedure and its arguments in consecutive shadow-stack
 * slots {@code [b, b+argc]} and invokes {@code $call(ctx, b, argc)}, which dispatches on the
 * closure's code index with a {@code tableswitch} to the static method {@code lamK(ctx, b, argc)}.
 * That method's frame starts at {@code b}: slot 0 is its closure, then its parameters, its locals
 * and its temporaries. JVM locals hold no Scheme value across anything that may collect.
 *
 * <p>Tail calls: a call to the lambda itself in tail position (named let, loops) is a jump to the
 * top of the method; any other tail call moves the procedure and arguments down to the frame base
 * and returns {@link Values#TAIL}, and the {@code $call} loop of the caller's caller performs it.
 * So loops written with tail calls, including mutual recursion, run in constant JVM stack.
 */
final class CodeGen {
  static final ClassDesc CD_CTX = ClassDesc.of("dev.lurcher.scheme.runtime.Ctx");
  static final ClassDesc CD_RT = ClassDesc.of("dev.lurcher.scheme.runtime.Rt");
  static final ClassDesc CD_CODE_TABLE = ClassDesc.of("dev.lurcher.scheme.runtime.CodeTable");
  static final ClassDesc CD_ERROR = ClassDesc.of("dev.lurcher.scheme.runtime.SchemeError");
  static final ClassDesc CD_LONG_ARRAY = CD_long.arrayType();
  static final MethodTypeDesc MT_LAMBDA = MethodTypeDesc.of(CD_long, CD_CTX, CD_int, CD_int);

  private static final int CTX = 0;
  private static final int BASE = 1;
  private static final int ARGC = 2;
  private static final int SCRATCH = 3;
  private static final int FIRST_FREE_LOCAL = 5;

  private final ClassDesc self;
  private final List<Lambda> lambdas;
  private final Map<String, Integer> globals;
  private final List<Object> constants;
  private final int toplevelCount;
  private final int[] frameSizes;

  // Per-lambda state.
  private Lambda current;
  private int tempBase;
  private int maxTemp;
  private int nextLocal;
  private Label loopStart;

  /** A constant that is a closure with no free variables, made once at load time. */
  record ClosureConst(int code) {}

  CodeGen(
      ClassDesc self,
      List<Lambda> lambdas,
      Map<String, Integer> globals,
      List<Object> constants,
      int toplevelCount) {
    this.self = self;
    this.lambdas = lambdas;
    this.globals = globals;
    this.constants = constants;
    this.toplevelCount = toplevelCount;
    this.frameSizes = new int[lambdas.size()];
  }

  byte[] generate() {
    return ClassFile.of()
        .build(
            self,
            clb -> {
              clb.withFlags(ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL | ClassFile.ACC_SUPER);
              clb.withInterfaceSymbols(CD_CODE_TABLE);
              for (Lambda lam : lambdas) {
                clb.withField("FS" + lam.code, CD_int, ClassFile.ACC_STATIC | ClassFile.ACC_FINAL);
                clb.withMethodBody(
                    "lam" + lam.code,
                    MT_LAMBDA,
                    ClassFile.ACC_STATIC | ClassFile.ACC_PUBLIC,
                    cob -> lambdaBody(cob, lam));
              }
              dispatcher(clb);
              clb.withMethodBody(
                  "<clinit>",
                  MethodTypeDesc.of(CD_void),
                  ClassFile.ACC_STATIC,
                  cob -> {
                    for (Lambda lam : lambdas) {
                      cob.loadConstant(frameSizes[lam.code]);
                      cob.putstatic(self, "FS" + lam.code, CD_int);
                    }
                    cob.return_();
                  });
              clb.withMethodBody(
                  "<init>",
                  MethodTypeDesc.of(CD_void),
                  ClassFile.ACC_PUBLIC,
                  cob -> {
                    cob.aload(0);
                    cob.invokespecial(
                        ClassDesc.of("java.lang.Object"), "<init>", MethodTypeDesc.of(CD_void));
                    cob.return_();
                  });
              clb.withMethodBody(
                  "call",
                  MT_LAMBDA,
                  ClassFile.ACC_PUBLIC,
                  cob -> {
                    cob.aload(1);
                    cob.iload(2);
                    cob.iload(3);
                    cob.invokestatic(self, "$call", MT_LAMBDA);
                    cob.lreturn();
                  });
              clb.withMethodBody(
                  "toplevelCount",
                  MethodTypeDesc.of(CD_int),
                  ClassFile.ACC_PUBLIC,
                  cob -> {
                    cob.loadConstant(toplevelCount);
                    cob.ireturn();
                  });
            });
  }

  /** {@code $call(ctx, b, argc)}: dispatch and the trampoline for tail calls. */
  private void dispatcher(ClassBuilder clb) {
    clb.withMethodBody(
        "$call",
        MT_LAMBDA,
        ClassFile.ACC_STATIC | ClassFile.ACC_PUBLIC,
        cob -> {
          int saved = 3;
          cob.aload(CTX);
          cob.getfield(CD_CTX, "sp", CD_int);
          cob.istore(saved);
          Label loop = cob.newBoundLabel();
          Label check = cob.newLabel();
          Label bad = cob.newLabel();
          cob.aload(CTX);
          cob.aload(CTX);
          cob.getfield(CD_CTX, "stack", CD_LONG_ARRAY);
          cob.iload(BASE);
          cob.laload();
          cob.invokestatic(CD_RT, "codeOf", MethodTypeDesc.of(CD_int, CD_CTX, CD_long));
          List<SwitchCase> cases = new ArrayList<>();
          Label[] labels = new Label[lambdas.size()];
          for (int i = 0; i < labels.length; i++) {
            labels[i] = cob.newLabel();
            cases.add(SwitchCase.of(i, labels[i]));
          }
          cob.tableswitch(0, labels.length - 1, bad, cases);
          for (int i = 0; i < labels.length; i++) {
            cob.labelBinding(labels[i]);
            cob.aload(CTX);
            cob.iload(BASE);
            cob.iload(ARGC);
            cob.invokestatic(self, "lam" + i, MT_LAMBDA);
            cob.goto_(check);
          }
          cob.labelBinding(bad);
          cob.new_(ClassDesc.of("java.lang.IllegalStateException"));
          cob.dup();
          cob.invokespecial(
              ClassDesc.of("java.lang.IllegalStateException"),
              "<init>",
              MethodTypeDesc.of(CD_void));
          cob.athrow();
          cob.labelBinding(check);
          Label done = cob.newLabel();
          cob.dup2();
          cob.loadConstant(Values.TAIL);
          cob.lcmp();
          cob.ifne(done);
          cob.pop2();
          cob.aload(CTX);
          cob.getfield(CD_CTX, "tailArgc", CD_int);
          cob.istore(ARGC);
          cob.goto_(loop);
          cob.labelBinding(done);
          cob.aload(CTX);
          cob.iload(saved);
          cob.putfield(CD_CTX, "sp", CD_int);
          cob.lreturn();
        });
  }

  // ------------------------------------------------------------------ lambdas

  private void lambdaBody(CodeBuilder cob, Lambda lam) {
    current = lam;
    nextLocal = FIRST_FREE_LOCAL;
    if (lam.stackPrim != null) {
      // The procedure value of a variadic primitive: its arguments are already on the stack.
      frameSizes[lam.code] = 1;
      cob.aload(CTX);
      cob.iload(BASE);
      cob.iconst_1();
      cob.iload(ARGC);
      cob.iadd();
      cob.invokestatic(CD_RT, "enter", MethodTypeDesc.of(CD_void, CD_CTX, CD_int, CD_int));
      cob.aload(CTX);
      cob.iload(BASE);
      cob.iconst_1();
      cob.iadd();
      cob.iload(ARGC);
      cob.invokestatic(
          CD_RT, lam.stackPrim.method(), MethodTypeDesc.of(CD_long, CD_CTX, CD_int, CD_int));
      cob.lreturn();
      return;
    }
    int slot = 1;
    for (Var v : lam.locals) {
      v.slot = slot++;
    }
    tempBase = slot;
    maxTemp = 0;
    int nreq = lam.params.size();
    // Arity check.
    Label ok = cob.newLabel();
    cob.iload(ARGC);
    cob.loadConstant(nreq);
    if (lam.rest == null) {
      cob.if_icmpeq(ok);
    } else {
      cob.if_icmpge(ok);
    }
    cob.aload(CTX);
    cob.loadConstant(lam.code);
    cob.iload(ARGC);
    cob.invokestatic(CD_RT, "arityError", MethodTypeDesc.of(CD_ERROR, CD_CTX, CD_int, CD_int));
    cob.athrow();
    cob.labelBinding(ok);
    cob.aload(CTX);
    cob.iload(BASE);
    cob.getstatic(self, "FS" + lam.code, CD_int);
    cob.invokestatic(CD_RT, "enter", MethodTypeDesc.of(CD_void, CD_CTX, CD_int, CD_int));
    if (lam.rest != null) {
      cob.aload(CTX);
      cob.iload(BASE);
      cob.loadConstant(lam.rest.slot);
      cob.iadd();
      cob.iload(ARGC);
      cob.loadConstant(nreq);
      cob.isub();
      cob.invokestatic(CD_RT, "restList", MethodTypeDesc.of(CD_void, CD_CTX, CD_int, CD_int));
    }
    boxParams(cob, lam);
    loopStart = cob.newBoundLabel();
    gen(cob, lam.body, true, 0);
    frameSizes[lam.code] = tempBase + maxTemp + 1;
  }

  private void boxParams(CodeBuilder cob, Lambda lam) {
    List<Var> ps = new ArrayList<>(lam.params);
    if (lam.rest != null) {
      ps.add(lam.rest);
    }
    for (Var p : ps) {
      if (p.boxed) {
        storeSlotBegin(cob, p.slot);
        cob.aload(CTX);
        loadSlot(cob, p.slot);
        rt(cob, "box", 1);
        cob.lastore();
      }
    }
  }

  // ------------------------------------------------------------------ slot access

  private void loadSlot(CodeBuilder cob, int slot) {
    storeSlotBegin(cob, slot);
    cob.laload();
  }

  /**
   * Pushes the shadow-stack array and the index of {@code slot}: for a load the caller emits {@code
   * laload}; for a store it pushes the value and emits {@code lastore}.
   */
  private void storeSlotBegin(CodeBuilder cob, int slot) {
    cob.aload(CTX);
    cob.getfield(CD_CTX, "stack", CD_LONG_ARRAY);
    cob.iload(BASE);
    if (slot != 0) {
      cob.loadConstant(slot);
      cob.iadd();
    }
  }

  private void useTemp(int depth) {
    maxTemp = Math.max(maxTemp, depth);
  }

  private static void rt(CodeBuilder cob, String method, int longArgs) {
    ClassDesc[] params = new ClassDesc[longArgs + 1];
    Arrays.fill(params, CD_long);
    params[0] = CD_CTX;
    cob.invokestatic(CD_RT, method, MethodTypeDesc.of(CD_long, params));
  }

  /** Loads variable {@code v} (its box if {@code raw} and it is boxed). */
  private void loadVar(CodeBuilder cob, Var v, boolean raw) {
    boolean unbox = v.boxed && !raw;
    if (unbox) {
      cob.aload(CTX);
    }
    if (v.owner == current) {
      loadSlot(cob, v.slot);
    } else if (current.self == v) {
      loadSlot(cob, 0);
    } else {
      int i = current.free.indexOf(v);
      if (i < 0) {
        throw new IllegalStateException("variable " + v + " is not free in " + current);
      }
      cob.aload(CTX);
      loadSlot(cob, 0);
      cob.loadConstant(i);
      cob.invokestatic(CD_RT, "closureRef", MethodTypeDesc.of(CD_long, CD_CTX, CD_long, CD_int));
    }
    if (unbox) {
      cob.invokestatic(CD_RT, "boxRef", MethodTypeDesc.of(CD_long, CD_CTX, CD_long));
    }
  }

  // ------------------------------------------------------------------ expressions

  /** Whether evaluating {@code n} may allocate (and so move objects). */
  private static boolean mayAllocate(Node n) {
    return switch (n) {
      case Const c -> false;
      case Unspecified u -> false;
      case LocalRef r -> false;
      case GlobalRef g -> false;
      case PrimCall p -> p.prim().allocates() || p.args().stream().anyMatch(CodeGen::mayAllocate);
      case If i -> mayAllocate(i.test()) || mayAllocate(i.then()) || mayAllocate(i.otherwise());
      case Seq s -> s.body().stream().anyMatch(CodeGen::mayAllocate);
      case LocalSet s -> s.var().boxed || mayAllocate(s.value());
      case GlobalSet s -> mayAllocate(s.value());
      case Lambda l -> !l.free.isEmpty();
      default -> true;
    };
  }

  private void ret(CodeBuilder cob, boolean tail) {
    if (tail) {
      cob.lreturn();
    }
  }

  private void gen(CodeBuilder cob, Node n, boolean tail, int depth) {
    switch (n) {
      case Const c -> {
        constant(cob, c.datum());
        ret(cob, tail);
      }
      case Unspecified u -> {
        cob.loadConstant(Values.UNSPEC);
        ret(cob, tail);
      }
      case LocalRef r -> {
        loadVar(cob, r.var(), false);
        ret(cob, tail);
      }
      case GlobalRef g -> {
        int idx = global(g.name());
        cob.aload(CTX);
        cob.getfield(CD_CTX, "globals", CD_LONG_ARRAY);
        cob.loadConstant(idx);
        cob.laload();
        Label ok = cob.newLabel();
        cob.dup2();
        cob.loadConstant(Values.UNDEFINED);
        cob.lcmp();
        cob.ifne(ok);
        cob.aload(CTX);
        cob.loadConstant(idx);
        cob.invokestatic(CD_RT, "unbound", MethodTypeDesc.of(CD_ERROR, CD_CTX, CD_int));
        cob.athrow();
        cob.labelBinding(ok);
        ret(cob, tail);
      }
      case GlobalSet s -> {
        cob.aload(CTX);
        cob.getfield(CD_CTX, "globals", CD_LONG_ARRAY);
        cob.loadConstant(global(s.name()));
        gen(cob, s.value(), false, depth);
        cob.lastore();
        cob.loadConstant(Values.UNSPEC);
        ret(cob, tail);
      }
      case LocalSet s -> {
        Var v = s.var();
        if (v.boxed) {
          // The value may allocate: park it in a temp before touching the box.
          useTemp(depth + 1);
          storeSlotBegin(cob, tempBase + depth);
          gen(cob, s.value(), false, depth + 1);
          cob.lastore();
          cob.aload(CTX);
          loadVar(cob, v, true);
          loadSlot(cob, tempBase + depth);
          cob.invokestatic(CD_RT, "boxSet", MethodTypeDesc.of(CD_void, CD_CTX, CD_long, CD_long));
        } else {
          storeSlotBegin(cob, v.slot);
          gen(cob, s.value(), false, depth);
          cob.lastore();
        }
        cob.loadConstant(Values.UNSPEC);
        ret(cob, tail);
      }
      case If i -> {
        Label otherwise = cob.newLabel();
        gen(cob, i.test(), false, depth);
        cob.loadConstant(Values.FALSE);
        cob.lcmp();
        cob.ifeq(otherwise);
        gen(cob, i.then(), tail, depth);
        if (tail) {
          cob.labelBinding(otherwise);
          gen(cob, i.otherwise(), true, depth);
        } else {
          Label end = cob.newLabel();
          cob.goto_(end);
          cob.labelBinding(otherwise);
          gen(cob, i.otherwise(), false, depth);
          cob.labelBinding(end);
        }
      }
      case Seq s -> {
        List<Node> body = s.body();
        for (int k = 0; k < body.size() - 1; k++) {
          gen(cob, body.get(k), false, depth);
          cob.pop2();
        }
        gen(cob, body.get(body.size() - 1), tail, depth);
      }
      case Let l -> {
        for (int k = 0; k < l.vars().size(); k++) {
          Var v = l.vars().get(k);
          storeSlotBegin(cob, v.slot);
          if (v.boxed) {
            cob.aload(CTX);
          }
          gen(cob, l.inits().get(k), false, depth);
          if (v.boxed) {
            rt(cob, "box", 1);
          }
          cob.lastore();
        }
        gen(cob, l.body(), tail, depth);
      }
      case Letrec l -> letrec(cob, l, tail, depth);
      case Lambda lam -> {
        closure(cob, lam);
        ret(cob, tail);
      }
      case PrimCall p -> {
        primCall(cob, p, depth);
        ret(cob, tail);
      }
      case Call c -> call(cob, c, tail, depth);
    }
  }

  private void constant(CodeBuilder cob, Object d) {
    switch (d) {
      case Long v -> cob.loadConstant(Values.fix(v));
      case Boolean b -> cob.loadConstant(Values.bool(b));
      case SChar ch -> cob.loadConstant(Values.chr(ch.codePoint()));
      case Nil nil -> cob.loadConstant(Values.NIL);
      default -> {
        int idx = constants.size();
        constants.add(d);
        cob.aload(CTX);
        cob.getfield(CD_CTX, "consts", CD_LONG_ARRAY);
        cob.loadConstant(idx);
        cob.laload();
      }
    }
  }

  private void closure(CodeBuilder cob, Lambda lam) {
    if (lam.free.isEmpty()) {
      constant(cob, new ClosureConst(lam.code));
      return;
    }
    cob.aload(CTX);
    cob.loadConstant(lam.code);
    cob.loadConstant(lam.free.size());
    cob.invokestatic(CD_RT, "makeClosure", MethodTypeDesc.of(CD_long, CD_CTX, CD_int, CD_int));
    cob.lstore(SCRATCH);
    for (int i = 0; i < lam.free.size(); i++) {
      cob.aload(CTX);
      cob.lload(SCRATCH);
      cob.loadConstant(i);
      loadVar(cob, lam.free.get(i), true);
      cob.invokestatic(
          CD_RT, "closureSet", MethodTypeDesc.of(CD_void, CD_CTX, CD_long, CD_int, CD_long));
    }
    cob.lload(SCRATCH);
  }

  private void letrec(CodeBuilder cob, Letrec l, boolean tail, int depth) {
    List<Var> vars = l.vars();
    boolean patchable = l.inits().stream().allMatch(i -> i instanceof Lambda);
    if (patchable) {
      for (Var v : vars) {
        storeSlotBegin(cob, v.slot);
        cob.loadConstant(Values.UNDEFINED);
        cob.lastore();
      }
      for (int k = 0; k < vars.size(); k++) {
        Var v = vars.get(k);
        storeSlotBegin(cob, v.slot);
        if (v.boxed) {
          cob.aload(CTX);
        }
        closure(cob, (Lambda) l.inits().get(k));
        if (v.boxed) {
          rt(cob, "box", 1);
        }
        cob.lastore();
      }
      // Patch the closures that captured a variable of the group before it was set.
      for (int k = 0; k < vars.size(); k++) {
        Lambda lam = (Lambda) l.inits().get(k);
        for (int j = 0; j < lam.free.size(); j++) {
          Var fv = lam.free.get(j);
          if (vars.contains(fv)) {
            cob.aload(CTX);
            loadVar(cob, vars.get(k), false);
            cob.loadConstant(j);
            loadVar(cob, fv, true);
            cob.invokestatic(
                CD_RT, "closureSet", MethodTypeDesc.of(CD_void, CD_CTX, CD_long, CD_int, CD_long));
          }
        }
      }
    } else {
      for (Var v : vars) {
        storeSlotBegin(cob, v.slot);
        if (v.boxed) {
          cob.aload(CTX);
          cob.loadConstant(Values.UNDEFINED);
          rt(cob, "box", 1);
        } else {
          cob.loadConstant(Values.UNDEFINED);
        }
        cob.lastore();
      }
      for (int k = 0; k < vars.size(); k++) {
        Var v = vars.get(k);
        if (v.boxed) {
          useTemp(depth + 1);
          storeSlotBegin(cob, tempBase + depth);
          gen(cob, l.inits().get(k), false, depth + 1);
          cob.lastore();
          cob.aload(CTX);
          loadVar(cob, v, true);
          loadSlot(cob, tempBase + depth);
          cob.invokestatic(CD_RT, "boxSet", MethodTypeDesc.of(CD_void, CD_CTX, CD_long, CD_long));
        } else {
          storeSlotBegin(cob, v.slot);
          gen(cob, l.inits().get(k), false, depth);
          cob.lastore();
        }
      }
    }
    gen(cob, l.body(), tail, depth);
  }

  private void primCall(CodeBuilder cob, PrimCall p, int depth) {
    Prim prim = p.prim();
    List<Node> args = p.args();
    int n = args.size();
    if (prim.isStack()) {
      evalIntoTemps(cob, args, depth);
      cob.aload(CTX);
      cob.iload(BASE);
      cob.loadConstant(tempBase + depth);
      cob.iadd();
      cob.loadConstant(n);
      cob.invokestatic(CD_RT, prim.method(), MethodTypeDesc.of(CD_long, CD_CTX, CD_int, CD_int));
      return;
    }
    int last = -1;
    for (int k = 1; k < n; k++) {
      if (mayAllocate(args.get(k))) {
        last = k;
      }
    }
    if (last > 0) {
      // Values computed before an allocating argument would be stale on the JVM stack: park them
      // (and the allocating one) in temps, then load them all once nothing can move.
      evalIntoTemps(cob, args.subList(0, last + 1), depth);
      cob.aload(CTX);
      for (int k = 0; k <= last; k++) {
        loadSlot(cob, tempBase + depth + k);
      }
      for (int k = last + 1; k < n; k++) {
        gen(cob, args.get(k), false, depth + last + 1);
      }
    } else {
      cob.aload(CTX);
      for (int k = 0; k < n; k++) {
        gen(cob, args.get(k), false, depth);
      }
    }
    for (long pad : prim.pad()) {
      cob.loadConstant(pad);
    }
    rt(cob, prim.method(), prim.methodArity());
  }

  /** Evaluates {@code nodes} into temps {@code depth, depth+1, ...}. */
  private void evalIntoTemps(CodeBuilder cob, List<Node> nodes, int depth) {
    useTemp(depth + nodes.size());
    for (int k = 0; k < nodes.size(); k++) {
      storeSlotBegin(cob, tempBase + depth + k);
      gen(cob, nodes.get(k), false, depth + k + 1);
      cob.lastore();
    }
  }

  private boolean isSelfCall(Call c) {
    Lambda lam = current;
    if (lam.rest != null || c.args().size() != lam.params.size()) {
      return false;
    }
    if (c.fn() instanceof LocalRef r && lam.self != null && r.var() == lam.self) {
      return true;
    }
    return c.fn() instanceof GlobalRef g && g.name().equals(lam.selfGlobal);
  }

  private void call(CodeBuilder cob, Call c, boolean tail, int depth) {
    int n = c.args().size();
    if (tail && isSelfCall(c)) {
      evalIntoTemps(cob, c.args(), depth);
      List<Var> params = current.params;
      for (int k = 0; k < n; k++) {
        Var p = params.get(k);
        storeSlotBegin(cob, p.slot);
        if (p.boxed) {
          cob.aload(CTX);
        }
        loadSlot(cob, tempBase + depth + k);
        if (p.boxed) {
          rt(cob, "box", 1);
        }
        cob.lastore();
      }
      cob.aload(CTX);
      cob.invokestatic(CD_RT, "safepoint", MethodTypeDesc.of(CD_void, CD_CTX));
      cob.goto_(loopStart);
      return;
    }
    List<Node> all = new ArrayList<>();
    all.add(c.fn());
    all.addAll(c.args());
    evalIntoTemps(cob, all, depth);
    int at = tempBase + depth;
    if (tail) {
      cob.aload(CTX);
      cob.iload(BASE);
      cob.loadConstant(at);
      cob.iadd();
      cob.iload(BASE);
      cob.loadConstant(n);
      cob.invokestatic(
          CD_RT, "tailCall", MethodTypeDesc.of(CD_int, CD_CTX, CD_int, CD_int, CD_int));
      cob.pop();
      cob.loadConstant(Values.TAIL);
      cob.lreturn();
      return;
    }
    Lambda known = knownTarget(c.fn());
    if (known != null && known.rest == null && known.params.size() == n) {
      // A direct call: no dispatch, but it may still end in a tail call to finish.
      int saved = nextLocal++;
      cob.aload(CTX);
      cob.getfield(CD_CTX, "sp", CD_int);
      cob.istore(saved);
      cob.aload(CTX);
      cob.iload(BASE);
      cob.loadConstant(at);
      cob.iadd();
      cob.loadConstant(n);
      cob.invokestatic(self, "lam" + known.code, MT_LAMBDA);
      Label done = cob.newLabel();
      cob.dup2();
      cob.loadConstant(Values.TAIL);
      cob.lcmp();
      cob.ifne(done);
      cob.pop2();
      cob.aload(CTX);
      cob.iload(BASE);
      cob.loadConstant(at);
      cob.iadd();
      cob.aload(CTX);
      cob.getfield(CD_CTX, "tailArgc", CD_int);
      cob.invokestatic(self, "$call", MT_LAMBDA);
      cob.labelBinding(done);
      cob.aload(CTX);
      cob.iload(saved);
      cob.putfield(CD_CTX, "sp", CD_int);
      return;
    }
    cob.aload(CTX);
    cob.iload(BASE);
    cob.loadConstant(at);
    cob.iadd();
    cob.loadConstant(n);
    cob.invokestatic(self, "$call", MT_LAMBDA);
  }

  private int global(String name) {
    return globals.computeIfAbsent(name, k -> globals.size());
  }

  private Lambda knownTarget(Node fn) {
    if (fn instanceof LocalRef r && !r.var().boxed && r.var().knownLambda != null) {
      return r.var().knownLambda;
    }
    return null;
  }
}
