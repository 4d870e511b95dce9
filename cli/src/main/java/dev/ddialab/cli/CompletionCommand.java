package dev.ddialab.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Prints a bash (and zsh, through bashcompinit) completion script for the whole command tree. */
@Command(
    name = "completion",
    description = "Print a bash completion script. Use: source <(./ddia completion)",
    mixinStandardHelpOptions = true)
final class CompletionCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    String script = AutoComplete.bash("ddia", spec.root().commandLine());
    spec.commandLine().getOut().print(script);
    spec.commandLine().getOut().flush();
  }
}
