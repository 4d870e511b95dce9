package dev.ddialab.bench.encoding;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** The encoding benchmark's table (ratios to Apache Avro) and its JSON form. */
public final class EncodingReport {
  private EncodingReport() {}

  public static void print(List<EncodingBench.Result> results, int runs, PrintStream out) {
    EncodingBench.Result base = baseline(results);
    out.printf("%,d BidPlaced events, median of %d runs after %d warm-up passes; ratios are to"
        + " %s (bytes: smaller is better; speed: higher is better)%n%n",
        base.records(), runs, EncodingBench.WARMUP_PASSES, EncodingBench.APACHE_AVRO);
    out.printf("%-12s %9s %6s  %11s %6s  %11s %6s  %11s %6s%n", "codec", "bytes/rec", "vs",
        "encode/s", "vs", "decode/s", "vs", "enc+dec/s", "vs");
    for (EncodingBench.Result r : results) {
      out.printf("%-12s %9.1f %5.2fx  %,11.0f %5.2fx  %,11.0f %5.2fx  %,11.0f %5.2fx%n",
          r.codec(), r.bytesPerRecord(), ratio(r, base, EncodingBench.Result::bytesPerRecord),
          r.encodePerSec(), ratio(r, base, EncodingBench.Result::encodePerSec),
          r.decodePerSec(), ratio(r, base, EncodingBench.Result::decodePerSec),
          r.roundTripPerSec(), ratio(r, base, EncodingBench.Result::roundTripPerSec));
    }
    results.stream().filter(r -> r.codec().equals(EncodingBench.OUR_AVRO)).findFirst()
        .ifPresent(ours -> out.printf("%ntarget: %s encode+decode >= 1.00x %s; measured %.2fx%n",
            EncodingBench.OUR_AVRO, EncodingBench.APACHE_AVRO,
            ratio(ours, base, EncodingBench.Result::roundTripPerSec)));
  }

  public static void writeJson(List<EncodingBench.Result> results, int runs, long seed,
      Path file) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    EncodingBench.Result base = baseline(results);
    ObjectNode settings = root.putObject("settings");
    settings.put("records", base.records()).put("runs", runs).put("seed", seed)
        .put("warmup_passes", EncodingBench.WARMUP_PASSES).put("baseline", base.codec())
        .put("java", Runtime.version().toString())
        .put("cores", Runtime.getRuntime().availableProcessors());
    ArrayNode rows = root.putArray("results");
    for (EncodingBench.Result r : results) {
      ObjectNode row = rows.addObject();
      row.put("codec", r.codec()).put("bytes_per_record", r.bytesPerRecord())
          .put("encode_per_sec", r.encodePerSec()).put("decode_per_sec", r.decodePerSec())
          .put("round_trip_per_sec", r.roundTripPerSec())
          .put("bytes_ratio", ratio(r, base, EncodingBench.Result::bytesPerRecord))
          .put("encode_ratio", ratio(r, base, EncodingBench.Result::encodePerSec))
          .put("decode_ratio", ratio(r, base, EncodingBench.Result::decodePerSec))
          .put("round_trip_ratio", ratio(r, base, EncodingBench.Result::roundTripPerSec));
      ArrayNode encode = row.putArray("encode_nanos_each_run");
      for (long nanos : r.encodeNanos()) {
        encode.add(nanos);
      }
      ArrayNode decode = row.putArray("decode_nanos_each_run");
      for (long nanos : r.decodeNanos()) {
        decode.add(nanos);
      }
    }
    mapper.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
  }

  private static EncodingBench.Result baseline(List<EncodingBench.Result> results) {
    return results.stream().filter(r -> r.codec().equals(EncodingBench.APACHE_AVRO)).findFirst()
        .orElseThrow(() -> new IllegalStateException("no " + EncodingBench.APACHE_AVRO + " result"));
  }

  private static double ratio(EncodingBench.Result r, EncodingBench.Result base,
      ToDoubleFunction<EncodingBench.Result> metric) {
    return metric.applyAsDouble(r) / metric.applyAsDouble(base);
  }
}
