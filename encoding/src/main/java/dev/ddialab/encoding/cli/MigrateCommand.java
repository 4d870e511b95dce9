package dev.ddialab.encoding.cli;

import dev.ddialab.encoding.migrate.Migration;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "migrate", mixinStandardHelpOptions = true,
    description = "Rewrite data written with the --from schema so that it is written with the"
        + " --to schema, by schema resolution (defaults filled in, removed fields dropped,"
        + " promotions applied), streaming with a progress bar. Refused before anything is"
        + " written when --to cannot read --from's data. A database is rewritten in place in"
        + " atomic batches but not atomically as a whole: keep a copy.")
final class MigrateCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--from", required = true, paramLabel = "OLD.avsc",
      description = "The schema the data was written with.")
  Path fromFile;

  @Option(names = "--to", required = true, paramLabel = "NEW.avsc",
      description = "The schema to rewrite it with.")
  Path toFile;

  @ArgGroup(multiplicity = "1")
  Target target;

  static final class Target {
    @Option(names = "--container", arity = "2", paramLabel = "FILE",
        description = "IN.avro OUT.avro: rewrite a container file into a new one.")
    List<Path> container;

    @Option(names = "--kv", paramLabel = "DB",
        description = "Rewrite every value (Avro binary) of a key-value database in place.")
    Path kv;
  }

  @Override
  public Integer call() throws IOException {
    Migration migration = new Migration(CliIo.schema(fromFile), CliIo.schema(toFile));
    if (target.container != null) {
      Path input = target.container.get(0);
      Path output = target.container.get(1);
      if (input.toAbsolutePath().normalize().equals(output.toAbsolutePath().normalize())) {
        throw new ParameterException(spec.commandLine(), "--container needs two different files");
      }
      long records = migration.container(input, output);
      spec.commandLine().getOut().printf("migrated %,d records from %s to %s%n", records, input,
          output);
    } else {
      long values = migration.keyValue(target.kv);
      spec.commandLine().getOut().printf("migrated %,d values in %s%n", values, target.kv);
    }
    spec.commandLine().getOut().flush();
    return 0;
  }
}
