package dev.ddialab.encoding.cli;

import dev.ddialab.encoding.AvroBinary;
import dev.ddialab.encoding.AvroJson;
import dev.ddialab.encoding.Schema;
import dev.ddialab.encoding.TaggedBinary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "encode", mixinStandardHelpOptions = true,
    description = "Encode one value, given in Avro's JSON encoding on standard input (or --input),"
        + " as bytes on standard output (or --output).")
final class EncodeCommand implements Callable<Integer> {
  @Option(names = "--schema", required = true, paramLabel = "S.avsc",
      description = "The schema of the value.")
  Path schemaFile;

  @Option(names = "--format", defaultValue = "avro", paramLabel = "FORMAT",
      description = "avro (Avro binary), tagged (Protobuf wire format; fields need \"tag\"),"
          + " or json (Avro JSON). Default: ${DEFAULT-VALUE}.")
  SchemaCommand.Format format;

  @Option(names = "--input", paramLabel = "FILE", description = "Read JSON from FILE.")
  Path input;

  @Option(names = "--output", paramLabel = "FILE", description = "Write the bytes to FILE.")
  Path output;

  @Override
  public Integer call() throws IOException {
    Schema schema = CliIo.schema(schemaFile);
    String json = new String(CliIo.input(input), StandardCharsets.UTF_8);
    Object value = AvroJson.decode(schema, json);
    byte[] bytes = switch (format) {
      case avro -> AvroBinary.encode(schema, value);
      case tagged -> TaggedBinary.encode(schema, value);
      case json -> AvroJson.encode(schema, value);
    };
    CliIo.output(output, bytes);
    return 0;
  }
}
