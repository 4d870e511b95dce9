package dev.ddialab.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one error convention of {@code ./ddia}.
 *
 * <ul>
 *   <li>Usage error (unknown command, bad option, missing argument): the problem on one line, a
 *       hint on the next, exit {@value #USAGE}.
 *   <li>Runtime error (missing database, corrupt file, port in use): one line {@code error: ...},
 *       exit {@value #RUNTIME}. {@code --verbose} adds the stack trace.
 * </ul>
 *
 * Commands report runtime failures simply by throwing; the message should name the thing that is
 * wrong (a path, a port, an offset) so that the line is useful on its own.
 */
public final class ErrorReporting {
  public static final int USAGE = 2;
  public static final int RUNTIME = 1;

  private ErrorReporting() {}

  static void install(CommandLine cli, boolean color) {
    cli.setParameterExceptionHandler((ParameterException e, String[] args) -> {
      CommandLine failed = e.getCommandLine();
      PrintWriter err = failed.getErr();
      err.println(prefix(color) + e.getMessage());
      if (e instanceof UnmatchedArgumentException unmatched) {
        List<String> suggestions = unmatched.getSuggestions();
        if (!suggestions.isEmpty()) {
          err.println("Did you mean: " + String.join(", ", suggestions) + "?");
        }
      }
      err.println("hint: run '" + qualifiedName(failed) + " --help' for usage.");
      if (List.of(args).contains(VerboseOption.NAME)) {
        e.printStackTrace(err);
      }
      err.flush();
      return USAGE;
    });
    cli.setExecutionExceptionHandler((Exception e, CommandLine failed, CommandLine.ParseResult parsed) -> {
      PrintWriter err = failed.getErr();
      err.println(prefix(color) + describe(e));
      if (parsed.originalArgs().contains(VerboseOption.NAME)) {
        e.printStackTrace(err);
      }
      err.flush();
      return RUNTIME;
    });
  }

  /**
   * A one-line description: the message of an error meant for users (argument, state and I/O
   * errors), named file-system failures in words, and anything else with its exception name.
   */
  static String describe(Throwable e) {
    if (e instanceof java.io.UncheckedIOException && e.getCause() != null) {
      return describe(e.getCause());
    }
    if (e instanceof java.nio.file.NoSuchFileException missing) {
      return "no such file or directory: " + missing.getFile();
    }
    if (e instanceof java.nio.file.AccessDeniedException denied) {
      return "permission denied: " + denied.getFile();
    }
    if (e instanceof java.nio.file.FileAlreadyExistsException exists) {
      return "already exists: " + exists.getFile();
    }
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      return e.getCause() != null ? describe(e.getCause()) : e.getClass().getSimpleName();
    }
    String firstLine = message.lines().findFirst().orElse(message);
    boolean meantForUsers = e instanceof IllegalArgumentException
        || e instanceof IllegalStateException
        || e instanceof java.io.IOException;
    return meantForUsers ? firstLine : e.getClass().getSimpleName() + ": " + firstLine;
  }

  private static String prefix(boolean color) {
    return color ? "\u001b[1;31merror:\u001b[0m " : "error: ";
  }

  private static String qualifiedName(CommandLine command) {
    return "./" + command.getCommandSpec().qualifiedName(" ");
  }
}
