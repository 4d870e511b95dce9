package dev.ddialab.encoding.cli;

import dev.ddialab.encoding.evolution.Incompatibility;
import dev.ddialab.encoding.evolution.SchemaDiff;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "diff", mixinStandardHelpOptions = true,
    description = "Print the structural differences between two versions of a schema (fields"
        + " added, removed, renamed through aliases, type changes, ...), each with its path and"
        + " what it means for old and new code, then the strongest compatibility mode the pair"
        + " satisfies. Exits 0 when nothing differs, 1 otherwise.")
final class DiffCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "OLD.avsc")
  Path oldFile;

  @Parameters(index = "1", paramLabel = "NEW.avsc")
  Path newFile;

  @Override
  public Integer call() throws IOException {
    SchemaDiff.Result result = SchemaDiff.diff(CliIo.schema(oldFile), CliIo.schema(newFile));
    PrintWriter out = spec.commandLine().getOut();
    if (result.changes().isEmpty()) {
      out.println("no structural differences");
    }
    for (SchemaDiff.Change change : result.changes()) {
      out.printf("%s: %s%n", change.path().isEmpty() ? "/" : change.path(), change.what());
      out.printf("    %s%n", change.meaning());
      out.printf("    backward (new code, old data): %s; forward (old code, new data): %s%n",
          change.breaksBackward() ? "BREAKS" : "ok", change.breaksForward() ? "BREAKS" : "ok");
    }
    out.println();
    verdict(out, "backward (new code reads old data)", result.backward());
    verdict(out, "forward (old code reads new data)", result.forward());
    out.printf("strongest mode satisfied: %s%n", result.mode());
    out.flush();
    return result.changes().isEmpty() ? 0 : 1;
  }

  private static void verdict(PrintWriter out, String direction, List<Incompatibility> problems) {
    out.printf("%s: %s%n", direction, problems.isEmpty() ? "compatible" : "INCOMPATIBLE");
    for (Incompatibility problem : problems) {
      out.printf("  %s%n", problem);
    }
  }
}
