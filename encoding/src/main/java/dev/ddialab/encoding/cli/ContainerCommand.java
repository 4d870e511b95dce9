package dev.ddialab.encoding.cli;

import dev.ddialab.core.MalformedDataException;
import dev.ddialab.core.Units;
import dev.ddialab.encoding.AvroJson;
import dev.ddialab.encoding.Schema;
import dev.ddialab.encoding.container.ContainerCodec;
import dev.ddialab.encoding.container.ContainerReader;
import dev.ddialab.encoding.container.ContainerWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "container", mixinStandardHelpOptions = true,
    description = "Avro object container files: records with their writer's schema in the header.",
    subcommands = {ContainerCommand.Write.class, ContainerCommand.Read.class})
final class ContainerCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "no container command given (write, read)");
  }

  @Command(name = "write", mixinStandardHelpOptions = true,
      description = "Write the JSON values on standard input (or --input; Avro's JSON encoding,"
          + " one after another, e.g. JSON Lines) to a container file.")
  static final class Write implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE.avro")
    Path file;

    @Option(names = "--schema", required = true, paramLabel = "S.avsc")
    Path schemaFile;

    @Option(names = "--codec", defaultValue = "null", paramLabel = "CODEC",
        description = "Block compression: null or deflate. Default: ${DEFAULT-VALUE}.")
    String codecName;

    @Option(names = "--input", paramLabel = "FILE", description = "Read JSON from FILE.")
    Path input;

    @Override
    public Integer call() throws IOException {
      ContainerCodec codec;
      try {
        codec = ContainerCodec.fromHeader(codecName);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
      Schema schema = CliIo.schema(schemaFile);
      List<Object> values = AvroJson.decodeAll(schema,
          new String(CliIo.input(input), StandardCharsets.UTF_8));
      try (ContainerWriter writer = ContainerWriter.create(file, schema, codec)) {
        for (Object value : values) {
          writer.append(value);
        }
      }
      spec.commandLine().getOut().printf("wrote %,d records to %s (%s, %s)%n", values.size(),
          file, codec.headerName(), Units.formatBytes(Files.size(file)));
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  @Command(name = "read", mixinStandardHelpOptions = true,
      description = "Print the records of a container file as JSON, one per line.")
  static final class Read implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE.avro")
    Path file;

    @Option(names = "--reader-schema", paramLabel = "R.avsc",
        description = "Read the records as this schema (schema evolution).")
    Path readerSchemaFile;

    @Override
    public Integer call() throws IOException {
      Schema reader = readerSchemaFile == null ? null : CliIo.schema(readerSchemaFile);
      printRecords(file, reader, spec.commandLine().getOut(), Long.MAX_VALUE);
      return 0;
    }
  }

  /** Prints up to {@code limit} records of {@code file}; returns how many were printed. */
  static long printRecords(Path file, Schema reader, PrintWriter out, long limit)
      throws IOException {
    long printed = 0;
    try (ContainerReader records = ContainerReader.open(file, reader)) {
      while (printed < limit && records.hasNext()) {
        out.println(AvroJson.encodeToString(records.schema(), records.next()));
        printed++;
      }
    } catch (MalformedDataException e) {
      throw CliIo.malformed(file.toString(), e);
    }
    out.flush();
    return printed;
  }
}
