package dev.ddialab.bench.cli;

import dev.ddialab.bench.encoding.EncodingBench;
import dev.ddialab.bench.encoding.EncodingReport;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ddia bench encoding}: our codecs beside Apache Avro, protobuf-java and Jackson. */
@Command(
    name = "encoding",
    mixinStandardHelpOptions = true,
    description = "Encode and decode the same BidPlaced events with our Avro binary, tagged and"
        + " JSON codecs, Apache Avro (generic), protobuf-java (DynamicMessage) and Jackson, in"
        + " this JVM, and print bytes per record and throughput with ratios to Apache Avro.")
public final class EncodingBenchCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--records", defaultValue = "100000", paramLabel = "N",
      description = "Events encoded and decoded per run (default: ${DEFAULT-VALUE}).")
  int records;

  @Option(names = "--runs", defaultValue = "5", paramLabel = "N",
      description = "Timed runs per codec; the median is reported (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--seed", defaultValue = "42", description = "Seed for the events.")
  long seed;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON.")
  Path json;

  @Override
  public Integer call() throws Exception {
    if (records < 1 || runs < 1) {
      throw new ParameterException(spec.commandLine(), "--records and --runs must be at least 1");
    }
    List<EncodingBench.Result> results = EncodingBench.run(records, runs, seed, System.err);
    EncodingReport.print(results, runs, System.out);
    if (json != null) {
      EncodingReport.writeJson(results, runs, seed, json);
      System.out.println("JSON: " + json);
    }
    return 0;
  }
}
