package dev.lurcher.scheme;

import dev.lurcher.gc.api.HeapOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line: {@code SchemeMain [--options STR] [--seed N] [--debug] FILE NTHREADS ARGS...}.
 *
 * <p>The workbench's {@code ./lurcher scheme} wraps {@link Scheme#run} with its own options; this
 * entry point exists so the Scheme can be run on its own.
 */
public final class SchemeMain {
  private SchemeMain() {}

  /** Runs a program and exits with its status. */
  public static void main(String[] argv) {
    HeapOptions options = HeapOptions.defaults();
    long seed = 0;
    boolean debug = false;
    int i = 0;
    try {
      for (; i < argv.length && argv[i].startsWith("--"); i++) {
        switch (argv[i]) {
          case "--options" -> options = options.with(argv[++i]);
          case "--seed" -> seed = Long.parseLong(argv[++i]);
          case "--debug" -> debug = true;
          default -> throw new IllegalArgumentException("unknown option " + argv[i]);
        }
      }
      if (argv.length - i < 1) {
        throw new IllegalArgumentException("missing FILE");
      }
    } catch (RuntimeException e) {
      System.err.println(
          "usage: SchemeMain [--options STR] [--seed N] [--debug] FILE [NTHREADS ARGS...]");
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Path file = Path.of(argv[i++]);
    int nthreads = i < argv.length ? Integer.parseInt(argv[i++]) : 1;
    List<String> args = new ArrayList<>();
    while (i < argv.length) {
      args.add(argv[i++]);
    }
    RunConfig config =
        RunConfig.of(options).withArgs(nthreads, args).withSeed(seed).withDebug(debug);
    int status = Scheme.run(file, config, System.out, System.err);
    System.out.flush();
    System.exit(status);
  }
}
