package dev.ddialab.encoding.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ddia schema}: schemas and encodings (ch. 4). Encode and decode values in Avro binary,
 * the tagged (Protobuf wire format) encoding and Avro JSON; write, read and inspect Avro object
 * container files; check schema evolution; run a schema registry.
 */
@Command(
    name = "schema",
    mixinStandardHelpOptions = true,
    description = "Encodings and schema evolution (ch. 4): encode and decode with Avro binary,"
        + " tagged (Protobuf) and JSON; container files; compatibility checks; a schema registry.",
    subcommands = {
        EncodeCommand.class, DecodeCommand.class, CheckCommand.class, ContainerCommand.class,
        ShowCommand.class, RegistryCommand.class, DiffCommand.class, MigrateCommand.class})
public final class SchemaCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "no schema command given");
  }

  /** The encodings {@code encode} and {@code decode} offer. */
  enum Format { avro, tagged, json }
}
