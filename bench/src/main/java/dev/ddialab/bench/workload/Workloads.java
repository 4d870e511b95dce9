package dev.ddialab.bench.workload;

import java.util.ArrayList;
import java.util.List;

/** Every workload, by name: db_bench's, then YCSB's. */
public final class Workloads {
  private Workloads() {}

  public static List<Workload> all() {
    List<Workload> all = new ArrayList<>(DbBench.all());
    all.addAll(Ycsb.all());
    return all;
  }

  public static List<String> names() {
    return all().stream().map(Workload::name).toList();
  }

  public static Workload byName(String name) {
    return all().stream().filter(w -> w.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown workload '" + name
            + "'; available: " + String.join(", ", names())));
  }
}
