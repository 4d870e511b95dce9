package dev.ddialab.encoding.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ddialab.core.Bytes;
import dev.ddialab.core.MalformedDataException;
import dev.ddialab.core.Units;
import dev.ddialab.encoding.container.ContainerReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "show", mixinStandardHelpOptions = true,
    description = "Look inside an Avro object container file: header, writer's schema, records.")
final class ShowCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE.avro")
  Path file;

  @Option(names = "--limit", defaultValue = "20", paramLabel = "N",
      description = "Print at most N records (default: ${DEFAULT-VALUE}).")
  long limit;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    try (ContainerReader reader = ContainerReader.open(file, null)) {
      out.printf("file      %s (%s)%n", file, Units.formatBytes(Files.size(file)));
      out.printf("magic     Obj\\x01%n");
      out.printf("codec     %s%n", reader.codec().headerName());
      out.printf("sync      %s%n", Bytes.toHex(reader.sync()));
      for (Map.Entry<String, byte[]> entry : reader.metadata().entrySet()) {
        if (!entry.getKey().equals("avro.schema") && !entry.getKey().equals("avro.codec")) {
          out.printf("metadata  %s = %s%n", entry.getKey(), Bytes.printable(entry.getValue()));
        }
      }
      out.println("schema");
      ObjectMapper json = new ObjectMapper();
      String schema = new String(reader.metadata().get("avro.schema"), StandardCharsets.UTF_8);
      out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(json.readTree(schema)));
    } catch (MalformedDataException e) {
      throw CliIo.malformed(file.toString(), e);
    }
    out.println("records");
    long printed = ContainerCommand.printRecords(file, null, out, limit);
    out.printf("(%d shown%s)%n", printed, printed == limit ? "; --limit for more" : "");
    out.flush();
    return 0;
  }
}
