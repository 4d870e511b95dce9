package dev.ddialab.encoding.cli;

import dev.ddialab.core.MalformedDataException;
import dev.ddialab.encoding.AvroBinary;
import dev.ddialab.encoding.AvroJson;
import dev.ddialab.encoding.Schema;
import dev.ddialab.encoding.TaggedBinary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "decode", mixinStandardHelpOptions = true,
    description = "Decode one value from bytes on standard input (or --input) and print it in"
        + " Avro's JSON encoding. With --writer-schema, Avro data written with that schema is read"
        + " as --schema (schema evolution).")
final class DecodeCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--schema", required = true, paramLabel = "S.avsc",
      description = "The reader's schema (and the writer's, unless --writer-schema is given).")
  Path schemaFile;

  @Option(names = "--writer-schema", paramLabel = "W.avsc",
      description = "The schema the Avro data was written with.")
  Path writerSchemaFile;

  @Option(names = "--format", defaultValue = "avro", paramLabel = "FORMAT",
      description = "avro, tagged or json. Default: ${DEFAULT-VALUE}.")
  SchemaCommand.Format format;

  @Option(names = "--input", paramLabel = "FILE", description = "Read the bytes from FILE.")
  Path input;

  @Option(names = "--pretty", description = "Indent the JSON.")
  boolean pretty;

  @Override
  public Integer call() throws IOException {
    if (writerSchemaFile != null && format != SchemaCommand.Format.avro) {
      throw new ParameterException(spec.commandLine(), "--writer-schema applies to --format avro"
          + " only (tagged data needs only the reader's schema)");
    }
    Schema schema = CliIo.schema(schemaFile);
    byte[] bytes = CliIo.input(input);
    Object value;
    try {
      value = switch (format) {
        case avro -> writerSchemaFile == null ? AvroBinary.decode(schema, bytes)
            : AvroBinary.decode(CliIo.schema(writerSchemaFile), schema, bytes);
        case tagged -> TaggedBinary.decode(schema, bytes);
        case json -> AvroJson.decode(schema, new String(bytes, StandardCharsets.UTF_8));
      };
    } catch (MalformedDataException e) {
      throw CliIo.malformed(input == null ? "standard input" : input.toString(), e);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(pretty ? AvroJson.encodePretty(schema, value) : AvroJson.encodeToString(schema,
        value));
    out.flush();
    return 0;
  }
}
