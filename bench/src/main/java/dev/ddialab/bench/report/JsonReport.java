package dev.ddialab.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddialab.bench.run.RunResult;
import dev.ddialab.bench.run.StorageBench.Measurement;
import java.io.IOException;
import java.nio.file.Path;

/** The machine-readable results; the shape is documented in bench/README.md. */
public final class JsonReport {
  private JsonReport() {}

  public static void write(Summary summary, Path file) throws IOException {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = json.createObjectNode();
    ObjectNode machine = root.putObject("machine");
    machine.put("cores", summary.cores());
    machine.put("load_before", summary.loadBefore());
    machine.put("load_after", summary.loadAfter());
    machine.put("busy", summary.machineWasBusy());
    machine.put("java", summary.java());
    machine.put("os", summary.os());
    ObjectNode settings = root.putObject("settings");
    settings.put("num", summary.num());
    settings.put("value_size", summary.valueBytes());
    settings.put("threads", summary.threads());
    settings.put("runs", summary.runs());
    settings.put("seed", summary.seed());
    settings.put("baseline", summary.baseline());
    ArrayNode results = root.putArray("results");
    for (Measurement m : summary.measurements()) {
      RunResult median = m.median();
      ObjectNode r = results.addObject();
      r.put("engine", m.engine());
      r.put("workload", m.workload());
      r.put("ops_per_sec", median.opsPerSecond());
      r.put("ops_per_sec_min", m.minOpsPerSecond());
      r.put("ops_per_sec_max", m.maxOpsPerSecond());
      double ratio = summary.ratioToBaseline(m);
      if (Double.isNaN(ratio)) {
        r.putNull("ratio_to_baseline");
      } else {
        r.put("ratio_to_baseline", ratio);
      }
      r.put("p50_us", median.p50Micros());
      r.put("p99_us", median.p99Micros());
      r.put("p999_us", median.p999Micros());
      r.put("max_us", median.maxMicros());
      r.put("operations", median.operations());
      r.put("user_bytes_written", median.userBytesWritten());
      r.put("bytes_written", median.storageBytesWritten());
      r.put("live_bytes", median.liveBytes());
      r.put("disk_bytes", median.diskBytes());
      r.put("peak_rss_bytes", median.peakRssBytes());
      r.put("runs", m.runs().size());
      ArrayNode all = r.putArray("ops_per_sec_each_run");
      m.runs().forEach(run -> all.add(run.opsPerSecond()));
    }
    json.writeValue(file.toFile(), root);
  }
}
