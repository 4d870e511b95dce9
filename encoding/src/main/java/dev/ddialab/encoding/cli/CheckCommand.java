package dev.ddialab.encoding.cli;

import dev.ddialab.encoding.Schema;
import dev.ddialab.encoding.evolution.Compatibility;
import dev.ddialab.encoding.evolution.CompatibilityMode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "check", mixinStandardHelpOptions = true,
    description = "Check that schema versions, oldest first, may follow one another under a"
        + " compatibility mode, as a registry would: an incompatible version is reported and left"
        + " out, and later versions are checked against the accepted ones. Prints every"
        + " incompatibility with its path; exits 1 if there is any.")
final class CheckCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Schema versions, oldest first.")
  List<Path> files;

  @Option(names = "--mode", defaultValue = "BACKWARD", paramLabel = "MODE",
      description = "BACKWARD, FORWARD, FULL, their _TRANSITIVE variants, or NONE."
          + " Default: ${DEFAULT-VALUE}.")
  String modeName;

  @Override
  public Integer call() throws IOException {
    CompatibilityMode mode;
    try {
      mode = CompatibilityMode.parse(modeName);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    List<Schema> versions = new ArrayList<>();
    List<Path> accepted = new ArrayList<>();
    boolean allCompatible = true;
    for (Path file : files) {
      Schema schema = CliIo.schema(file);
      List<Compatibility.Violation> violations = Compatibility.check(mode, versions, schema);
      if (versions.isEmpty()) {
        out.printf("%s: valid (first version)%n", file);
      } else if (violations.isEmpty()) {
        out.printf("%s: compatible (%s)%n", file, mode);
      } else {
        allCompatible = false;
        out.printf("%s: INCOMPATIBLE (%s)%n", file, mode);
        for (Compatibility.Violation violation : violations) {
          String direction = violation.direction() == Compatibility.Direction.NEW_READS_OLD
              ? "reading data written with " + accepted.get(violation.against())
              : accepted.get(violation.against()) + " reading data written with " + file;
          out.printf("  %s: %s%n", direction, violation.incompatibility());
        }
        continue;
      }
      versions.add(schema);
      accepted.add(file);
    }
    out.flush();
    return allCompatible ? 0 : 1;
  }
}
