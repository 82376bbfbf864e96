package dev.lurcher.bench;

import dev.lurcher.bench.scheme.SchemeProgram;
import dev.lurcher.gc.api.CollectorKind;
import dev.lurcher.gc.api.HeapOptions;
import dev.lurcher.gc.events.BasicStats;
import dev.lurcher.scheme.RunConfig;
import dev.lurcher.scheme.Scheme;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ./lurcher scheme FILE …}: runs a Scheme program, its output and exit status passed on. */
@Command(
    name = "scheme",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    description = {
      "Runs a Scheme program: the value of its last toplevel form is applied to NTHREADS and ARGS"
          + " (each read as a datum).",
      "FILE is a path, or the name of a bundled program (see list), e.g. splay."
    },
    footer = {
      "",
      "Exit codes: the program's (0 ok; 1 Scheme, syntax or heap error, reported on one line on"
          + " stderr; or the value given to exit); 2 bad arguments, including a missing FILE."
    })
final class SchemeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @CommandLine.Parameters(
      index = "0",
      paramLabel = "FILE",
      description = "The program: a .scm file or a bundled program's name.")
  String file;

  @CommandLine.Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "NTHREADS",
      defaultValue = "1",
      description = "The thread count passed to the program (default: ${DEFAULT-VALUE}).")
  int nthreads;

  @CommandLine.Parameters(
      index = "2..*",
      paramLabel = "ARGS",
      description = "The program's arguments, each read as a Scheme datum.")
  List<String> args = new ArrayList<>();

  @Option(
      names = "--collector",
      paramLabel = "C",
      description = "The Lurcher collector (see list; default: ${DEFAULT-VALUE}).")
  String collector;

  @Option(
      names = "--options",
      paramLabel = "STR",
      description = "More heap options, KEY=VALUE,... (collector and heap-size have their flags).")
  String options;

  @Option(
      names = "--heap-size",
      paramLabel = "SIZE",
      description = "The heap size: bytes, or a number with a k, m or g suffix.")
  String heapSize;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "0",
      description = "The seed of random-fixnum! (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--print-stats", description = "Print GC statistics to stderr after the run.")
  boolean printStats;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (nthreads < 1) {
      throw fail("NTHREADS must be at least 1, got " + nthreads);
    }
    HeapOptions heapOptions = usage(this::heapOptions);
    SchemeProgram program = usage(() -> SchemeProgram.resolve(file));
    BasicStats stats = new BasicStats();
    RunConfig config =
        RunConfig.of(heapOptions)
            .withArgs(nthreads, args)
            .withSeed(seed)
            .withOnHeap(h -> h.addListener(stats));
    int status = Scheme.run(program.fileName(), program.source(), config, out, err);
    out.flush();
    if (printStats) {
      err.println(stats);
    }
    err.flush();
    return status;
  }

  private HeapOptions heapOptions() {
    HeapOptions o = HeapOptions.defaults().withCollector(CollectorKind.parse(collector));
    if (options != null) {
      HeapOptions parsed = o.with(options);
      if (parsed.collector() != o.collector()) {
        throw new IllegalArgumentException(
            "--options must not set collector: use --collector " + parsed.collector().optionName());
      }
      o = parsed;
    }
    if (heapSize != null) {
      o = o.withHeapSize(HeapOptions.parseSize("--heap-size", heapSize));
    }
    return o;
  }

  private ParameterException fail(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  private <T> T usage(Supplier<T> f) {
    try {
      return f.get();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }
}
