package dev.lurcher.bench;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./lurcher}: the workbench's command line.
 *
 * <p>Exit codes: 0 success; 1 a run that ended in {@code oom} or {@code error} (its row is still
 * printed) or an unexpected failure; 2 a bad command line (one line on standard error).
 */
@Command(
    name = "lurcher",
    mixinStandardHelpOptions = true,
    version = "lurcher 0.1.0-SNAPSHOT",
    description = "The Lurcher workbench: runs GC benchmarks on Lurcher heaps and on HotSpot.",
    subcommands = {
      RunCommand.class,
      SchemeCommand.class,
      ListCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "JMH microbenchmarks: ./lurcher jmh [JMH options]  (e.g. ./lurcher jmh -h)",
      "Exit codes: 0 ok; 1 a run ended in oom or error (its row is still printed);"
          + " 2 bad command line."
    })
public final class Main implements Callable<Integer> {
  /** A run ended in {@code oom} or {@code error}, or something unexpected failed. */
  public static final int EXIT_FAILED = 1;

  /** The command line was wrong. */
  public static final int EXIT_USAGE = 2;

  @Spec CommandSpec spec;

  /** The launcher's entry point. */
  public static void main(String[] args) {
    Charset cs = Charset.defaultCharset();
    PrintWriter out = new PrintWriter(System.out, true, cs);
    PrintWriter err = new PrintWriter(System.err, true, cs);
    int code = execute(out, err, args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Runs the command line {@code args}, printing to {@code out} and {@code err}; the exit code. */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(out);
    cl.setErr(err);
    cl.setDefaultValueProvider(RunCommand.DEFAULTS);
    cl.setParameterExceptionHandler(
        (ex, _) -> {
          err.println(prefix(ex.getCommandLine()) + oneLine(ex.getMessage()));
          err.flush();
          return EXIT_USAGE;
        });
    cl.setExecutionExceptionHandler(
        (ex, commandLine, _) -> {
          err.println(prefix(commandLine) + "internal error: " + oneLine(ex.toString()));
          err.flush();
          return EXIT_FAILED;
        });
    return cl.execute(args);
  }

  private static String prefix(CommandLine cl) {
    String name = cl.getCommandName();
    return name.equals("lurcher") ? "lurcher: " : "lurcher " + name + ": ";
  }

  /** Folds a message onto one line. */
  static String oneLine(String message) {
    return message == null ? "(no message)" : message.strip().replaceAll("\\s*\\R\\s*", "; ");
  }

  @Override
  public Integer call() {
    throw new ParameterException(
        spec.commandLine(), "missing command: run, scheme, list or help (see ./lurcher --help)");
  }
}
