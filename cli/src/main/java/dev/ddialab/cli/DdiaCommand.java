package dev.ddialab.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The root command. With no subcommand it explains itself instead of doing nothing. */
@Command(
    name = "ddia",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    header = "DDIA Lab: every mechanism of Designing Data-Intensive Applications, built to run,"
        + " break and measure.",
    synopsisHeading = "%nUsage: ",
    customSynopsis = "ddia [--verbose] <system> <command> [options] [args]",
    descriptionHeading = "%n",
    description = {
        "Each system below is a real component: real files with fsync, real sockets, real"
            + " processes. Run './ddia <system> --help' to see its commands.",
        "New here? Start with './ddia tour'. Run the test suite with './ddia test'."},
    optionListHeading = "%nOptions:%n",
    footerHeading = "%n",
    footer = {
        "Exit codes: 0 success, 1 runtime error (missing database, corrupt file, port in",
        "use), 2 usage error. Add --verbose to see a stack trace.",
        "Colours only on a terminal; NO_COLOR turns them off."})
final class DdiaCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @picocli.CommandLine.Mixin
  VerboseOption verbose;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "no system given");
  }
}
