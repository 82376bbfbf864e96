package dev.lurcher.scheme.compile;

import dev.lurcher.scheme.expand.Expander;
import dev.lurcher.scheme.expand.Node;
import dev.lurcher.scheme.expand.Node.Lambda;
import dev.lurcher.scheme.runtime.CodeTable;
import dev.lurcher.scheme.runtime.Ctx;
import dev.lurcher.scheme.runtime.Rt;
import dev.lurcher.scheme.runtime.SchemeRuntime;
import java.lang.constant.ClassDesc;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles an expanded program to a hidden class.
 *
 * <p>Each toplevel form becomes a thunk (code indices {@code 0 .. n-1}, run in order by the
 * loader); every lambda becomes a static method. A hidden class per program means its code is
 * unloaded with it, and programs in one JVM never see each other.
 */
public final class Compiler {
  private Compiler() {}

  /** A compiled program, ready to load into a {@link SchemeRuntime}. */
  public static final class Compiled {
    private final CodeTable code;
    private final String[] globalNames;
    private final String[] procedureNames;
    private final List<Object> constants;

    Compiled(
        CodeTable code, String[] globalNames, String[] procedureNames, List<Object> constants) {
      this.code = code;
      this.globalNames = globalNames;
      this.procedureNames = procedureNames;
      this.constants = constants;
    }

    /** The compiled code. */
    public CodeTable code() {
      return code;
    }

    /** The global variables' names, by index. */
    public String[] globalNames() {
      return globalNames.clone();
    }

    /** The procedures' names, by code index. */
    public String[] procedureNames() {
      return procedureNames.clone();
    }

    /** The number of constants. */
    public int constantCount() {
      return constants.size();
    }

    /** Copies the constants to the heap of {@code rt}, using the thread context {@code c}. */
    public void loadConstants(SchemeRuntime rt, Ctx c) {
      for (int i = 0; i < constants.size(); i++) {
        Object d = constants.get(i);
        if (d instanceof CodeGen.ClosureConst cc) {
          rt.setConstantValue(i, Rt.makeClosure(c, cc.code(), 0));
        } else {
          rt.setConstant(c, i, d);
        }
      }
    }
  }

  /** Compiles {@code program}. */
  public static Compiled compile(Expander.Program program) {
    List<Lambda> thunks = new ArrayList<>();
    for (Node n : program.toplevel()) {
      thunks.add(new Lambda("toplevel", List.of(), null, n));
    }
    List<Lambda> all = new ArrayList<>(thunks);
    for (Lambda t : thunks) {
      List<Lambda> inner = Analysis.analyse(t);
      all.addAll(inner.subList(1, inner.size()));
    }
    String[] names = new String[all.size()];
    for (int i = 0; i < all.size(); i++) {
      all.get(i).code = i;
      names[i] = all.get(i).name;
    }
    Map<String, Integer> globals = new LinkedHashMap<>();
    List<Object> constants = new ArrayList<>();
    ClassDesc self = ClassDesc.of("dev.lurcher.scheme.compile.Program");
    byte[] bytes = new CodeGen(self, all, globals, constants, thunks.size()).generate();
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup().defineHiddenClass(bytes, true);
      CodeTable code =
          (CodeTable)
              lookup
                  .findConstructor(lookup.lookupClass(), MethodType.methodType(void.class))
                  .invoke();
      return new Compiled(code, globals.keySet().toArray(new String[0]), names, constants);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("cannot load compiled program", e);
    }
  }
}
