package dev.ddialab.cli;

import picocli.CommandLine;

/**
 * Entry point of {@code ./ddia}. Builds the command tree from {@link Systems}, applies the one
 * error convention ({@link ErrorReporting}), runs the command and exits with its code.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs {@code ddia args} and returns the exit code; tests call this directly. */
  public static int run(String... args) {
    return commandLine(args.length > 0 ? args[0] : null).execute(args);
  }

  static CommandLine commandLine() {
    return commandLine(null);
  }

  /**
   * The command tree. Building a system's command model costs start-up time (picocli reflects
   * over every option), and people run {@code ./ddia kv get} in loops, so when the first argument
   * names a system only that system is registered; anything else (help, completion, errors with
   * suggestions) gets the whole tree.
   */
  static CommandLine commandLine(String firstArgument) {
    boolean color = Boolean.getBoolean("ddia.color") && System.getenv("NO_COLOR") == null;
    CommandLine cli = new CommandLine(new DdiaCommand());
    Systems.Entry named = Systems.ALL.stream()
        .filter(entry -> entry.name().equals(firstArgument)).findFirst().orElse(null);
    if (named != null) {
      cli.addSubcommand(named.command());
    } else if (!"--version".equals(firstArgument) && !"-V".equals(firstArgument)) {
      for (Systems.Entry entry : Systems.ALL) {
        cli.addSubcommand(entry.command());
      }
      cli.addSubcommand(new TourCommand());
      cli.addSubcommand(new CompletionCommand());
      cli.addSubcommand(new WarmUpCommand());
    }
    cli.setColorScheme(CommandLine.Help.defaultColorScheme(
        color ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
    cli.getHelpSectionMap().put(
        CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST_HEADING, help -> "");
    cli.getHelpSectionMap().put(
        CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, new GroupedCommandList());
    ErrorReporting.install(cli, color);
    return cli;
  }
}
