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
    return commandLine().execute(args);
  }

  static CommandLine commandLine() {
    boolean color = Boolean.getBoolean("ddia.color") && System.getenv("NO_COLOR") == null;
    CommandLine cli = new CommandLine(new DdiaCommand());
    for (Systems.Entry entry : Systems.ALL) {
      cli.addSubcommand(entry.command().get());
    }
    cli.addSubcommand(new TourCommand());
    cli.addSubcommand(new CompletionCommand());
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
