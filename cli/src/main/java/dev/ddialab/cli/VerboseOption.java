package dev.ddialab.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code --verbose}, accepted by every command (inherited down the tree). {@link ErrorReporting}
 * reads it from the parsed command line: errors then show the stack trace after the one-line
 * message.
 */
public final class VerboseOption {
  public static final String NAME = "--verbose";

  @Option(
      names = NAME,
      scope = ScopeType.INHERIT,
      description = "Show stack traces with errors.")
  boolean verbose;
}
