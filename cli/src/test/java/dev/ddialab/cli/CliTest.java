package dev.ddialab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The error convention and the shape of help, as a user of ./ddia sees them. */
class CliTest {

  /** A command that fails at run time the way a missing database does. */
  @Command(name = "failing")
  static final class FailingCommand implements java.util.concurrent.Callable<Integer> {
    @Override
    public Integer call() throws IOException {
      throw new NoSuchFileException("/nowhere/mydb");
    }
  }

  record Run(int exitCode, String out, String err) {}

  private static Run run(String... args) {
    CommandLine cli = Main.commandLine();
    cli.addSubcommand(new FailingCommand());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void helpGroupsSystemsByTheBooksParts() {
    Run run = run("--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("Start here:", "tour")
        .contains("Part I: Foundations of data systems")
        .contains("Part II: Distributed data")
        .contains("Part III: Derived data")
        .contains("completion", "./ddia test");
    assertThat(run.out().indexOf("Part I:")).isLessThan(run.out().indexOf("Part II:"));
  }

  @Test
  void unknownCommandIsAUsageErrorWithAHint() {
    Run run = run("kvv");
    assertThat(run.exitCode()).isEqualTo(ErrorReporting.USAGE);
    assertThat(run.err()).startsWith("error: ").contains("hint: run './ddia --help'");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void noSystemIsAUsageError() {
    assertThat(run().exitCode()).isEqualTo(ErrorReporting.USAGE);
  }

  @Test
  void unknownOptionOfASubcommandPointsAtThatSubcommandsHelp() {
    Run run = run("tour", "--bogus");
    assertThat(run.exitCode()).isEqualTo(ErrorReporting.USAGE);
    assertThat(run.err()).contains("--bogus").contains("./ddia tour --help");
  }

  @Test
  void runtimeErrorIsOneLineAndExitOne() {
    Run run = run("failing");
    assertThat(run.exitCode()).isEqualTo(ErrorReporting.RUNTIME);
    assertThat(run.err().strip()).isEqualTo("error: no such file or directory: /nowhere/mydb");
  }

  @Test
  void verboseAddsTheStackTrace() {
    Run run = run("--verbose", "failing");
    assertThat(run.exitCode()).isEqualTo(ErrorReporting.RUNTIME);
    assertThat(run.err()).startsWith("error: ").contains("at dev.ddialab.cli.CliTest");
  }

  @Test
  void versionNamesTheJvm() {
    Run run = run("--version");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("ddia ").contains("Java " + Runtime.version().feature());
  }

  @Test
  void completionScriptCoversTheCommands() {
    Run run = run("completion");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("complete -F").contains("tour");
  }

  @Test
  void tourListsItsSteps() {
    Run run = run("tour", "--list");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("ch. 1").contains("Percentiles");
  }

  @Test
  void tourRunsEveryStepAndRemovesItsDirectory() {
    Run run = run("tour", "--seed", "42");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("measured").contains("Tour finished");
    java.util.regex.Matcher dir =
        java.util.regex.Pattern.compile("working in (\\S+)").matcher(run.out());
    assertThat(dir.find()).isTrue();
    assertThat(java.nio.file.Path.of(dir.group(1))).doesNotExist();
  }

  @Test
  void tourWithAnUnmatchedFilterIsAUsageError() {
    Run run = run("tour", "--only", "no such step");
    assertThat(run.exitCode()).isEqualTo(ErrorReporting.USAGE);
  }
}
