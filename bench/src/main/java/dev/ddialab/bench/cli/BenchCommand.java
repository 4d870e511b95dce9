package dev.ddialab.bench.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ddia bench}: macro benchmarks of our systems beside the real ones. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks against the real systems, in the same run: storage engines vs."
        + " RocksDB, LevelDB, H2 MVStore and LMDB; crash torture; encodings vs. Apache Avro,"
        + " protobuf-java and Jackson.",
    subcommands = {StorageBenchCommand.class, TortureCommand.class, EncodingBenchCommand.class})
public final class BenchCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "no benchmark given (storage, torture, encoding)");
  }
}
