package dev.lurcher.scheme;

import dev.lurcher.gc.api.HeapExhaustedException;
import dev.lurcher.gc.api.HeapOptions;
import dev.lurcher.scheme.compile.Compiler;
import dev.lurcher.scheme.expand.Expander;
import dev.lurcher.scheme.reader.Reader;
import dev.lurcher.scheme.reader.SchemeSyntaxError;
import dev.lurcher.scheme.runtime.CodeTable;
import dev.lurcher.scheme.runtime.Ctx;
import dev.lurcher.scheme.runtime.Rt;
import dev.lurcher.scheme.runtime.SchemeError;
import dev.lurcher.scheme.runtime.SchemeExit;
import dev.lurcher.scheme.runtime.SchemeRuntime;
import dev.lurcher.scheme.runtime.Values;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs Scheme programs, following Whiffle's convention: the program's toplevel forms run in order,
 * and the value of the last one must be a procedure, which is applied to the thread count and the
 * remaining arguments (each read as a Scheme datum).
 *
 * <pre>{@code
 * int status = Scheme.run(Path.of("gcbench.scm"),
 *     HeapOptions.parse("collector=semi,heap-size=64m"), 42, 1, List.of("10"));
 * }</pre>
 */
public final class Scheme {
  /** Exit status of a program that finished normally. */
  public static final int EXIT_OK = 0;

  /** Exit status of a program that raised an error (Scheme, syntax, or heap exhaustion). */
  public static final int EXIT_ERROR = 1;

  /** The JVM stack of the thread that runs a program: deep recursion needs it. */
  private static final long JVM_STACK_BYTES = 1L << 30;

  private static volatile List<Object> prelude;
  private static volatile List<Object> macros;

  private Scheme() {}

  /**
   * Runs the program in {@code file}, writing its output to standard output and errors to standard
   * error.
   *
   * @return the exit status: 0, 1 for an error, or the value given to {@code exit}
   */
  public static int run(
      Path file, HeapOptions options, long seed, int nthreads, List<String> args) {
    RunConfig config = RunConfig.of(options).withArgs(nthreads, args).withSeed(seed);
    return run(file, config, System.out, System.err);
  }

  /** Runs the program in {@code file} with {@code config}. */
  public static int run(Path file, RunConfig config, PrintStream out, PrintStream err) {
    String source;
    try {
      source = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      err.println("error: cannot read " + file + ": " + e.getMessage());
      return EXIT_ERROR;
    }
    return run(file.toString(), source, config, out, err);
  }

  /**
   * Runs {@code source}, which came from {@code fileName}.
   *
   * @return the exit status
   */
  public static int run(
      String fileName, String source, RunConfig config, Appendable out, Appendable err) {
    // Non-tail recursion in Scheme is recursion in the JVM: run on a thread with a deep stack.
    int[] status = new int[1];
    RuntimeException[] failure = new RuntimeException[1];
    Thread t =
        new Thread(
            null,
            () -> {
              try {
                status[0] = runHere(fileName, source, config, out, err);
              } catch (RuntimeException e) {
                failure[0] = e;
              }
            },
            "scheme-main",
            JVM_STACK_BYTES);
    t.start();
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + fileName, e);
    }
    if (failure[0] != null) {
      throw failure[0];
    }
    return status[0];
  }

  /** Runs {@code source} on the calling thread (whose JVM stack bounds the recursion depth). */
  public static int runHere(
      String fileName, String source, RunConfig config, Appendable out, Appendable err) {
    SchemeRuntime rt = null;
    try {
      Compiler.Compiled compiled = compile(fileName, source, config.heapOptions());
      rt =
          new SchemeRuntime(
              config.heapOptions(),
              compiled.globalNames(),
              compiled.constantCount(),
              compiled.procedureNames(),
              out);
      config.onHeap().accept(rt.heap());
      CodeTable code = compiled.code();
      rt.setCode(code);
      Ctx c = rt.attach(config.stackSlots(), config.seed());
      compiled.loadConstants(rt, c);
      // Slot 0 holds the last toplevel value; calls are made at base 1.
      c.sp = 1;
      c.stack[0] = Values.UNSPEC;
      for (int i = 0; i < code.toplevelCount(); i++) {
        long thunk = Rt.makeClosure(c, i, 0);
        c.stack[1] = thunk;
        c.sp = 2;
        c.stack[0] = code.call(c, 1, 0);
        c.sp = 1;
      }
      long main = c.stack[0];
      if (Rt.procedureP(c, main) != Values.TRUE) {
        throw new SchemeError(
            "the program's last expression must evaluate to a procedure (applied to the thread"
                + " count and the arguments)");
      }
      c.stack[1] = main;
      c.stack[2] = Values.fix(config.nthreads());
      c.sp = 3;
      List<String> args = config.args();
      for (int i = 0; i < args.size(); i++) {
        List<Object> data = Reader.readAll("<argument " + (i + 1) + ">", args.get(i));
        if (data.size() != 1) {
          throw new SchemeError("argument " + (i + 1) + " is not one datum: " + args.get(i));
        }
        long v = rt.fromDatum(c, data.get(0));
        c.stack[3 + i] = v;
        c.sp = 4 + i;
      }
      code.call(c, 1, 1 + args.size());
      rt.flush();
      return EXIT_OK;
    } catch (SchemeExit e) {
      flushQuietly(rt);
      return e.status();
    } catch (SchemeError | SchemeSyntaxError e) {
      flushQuietly(rt);
      report(err, (e instanceof SchemeError ? "error: " : "") + e.getMessage(), e, config);
      return EXIT_ERROR;
    } catch (HeapExhaustedException e) {
      flushQuietly(rt);
      report(err, "error: " + e.getMessage(), e, config);
      return EXIT_ERROR;
    } catch (StackOverflowError e) {
      flushQuietly(rt);
      report(err, "error: stack overflow (JVM stack; recursion too deep)", null, config);
      return EXIT_ERROR;
    } finally {
      if (rt != null) {
        rt.close();
      }
    }
  }

  /** Reads, expands and compiles a program (with the prelude definitions it uses). */
  public static Compiler.Compiled compile(String fileName, String source) {
    return compile(fileName, source, HeapOptions.defaults());
  }

  /**
   * Reads, expands and compiles a program for a heap with {@code options} (which decide some {@code
   * cond-expand} features).
   */
  public static Compiler.Compiled compile(String fileName, String source, HeapOptions options) {
    List<Object> forms = Reader.readAll(fileName, source);
    Expander.Program program =
        Expander.expandProgram(fileName, forms, prelude(), macros(), features(options));
    return Compiler.compile(program);
  }

  /**
   * The {@code cond-expand} features for a heap: {@link Expander#BASE_FEATURES}, and {@code
   * precise-gc} unless the heap scans roots conservatively ({@code roots=conservative}).
   */
  public static Set<String> features(HeapOptions options) {
    Set<String> f = new HashSet<>(Expander.BASE_FEATURES);
    if (!"conservative".equals(options.asMap().get("roots"))) {
      f.add("precise-gc");
    }
    return f;
  }

  private static List<Object> prelude() {
    List<Object> p = prelude;
    if (p == null) {
      p = readResource("prelude.scm");
      prelude = p;
    }
    return p;
  }

  private static List<Object> macros() {
    List<Object> p = macros;
    if (p == null) {
      p = readResource("macros.scm");
      macros = p;
    }
    return p;
  }

  private static List<Object> readResource(String name) {
    try (InputStream in = Scheme.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the classpath");
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return List.copyOf(Reader.readAll(name, text));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void flushQuietly(SchemeRuntime rt) {
    if (rt != null) {
      try {
        rt.flush();
      } catch (UncheckedIOException e) {
        // The output is gone; the error report matters more.
      }
    }
  }

  private static void report(Appendable err, String message, Throwable t, RunConfig config) {
    try {
      err.append(message).append('\n');
      if (config.debug() && t != null) {
        StringWriter sw = new StringWriter();
        t.printStackTrace(new PrintWriter(sw));
        err.append(sw.toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
