package dev.ddialab.bench.workload;

/**
 * What one benchmark run is asked to do.
 *
 * @param num keys loaded, and operations in the measured phase (db_bench's {@code --num}; YCSB's
 *     recordcount and operationcount)
 * @param valueBytes bytes per value
 * @param threads client threads for the multi-threaded workloads (multisync, YCSB)
 * @param seed seeds every random choice, so two engines see the same operations
 */
public record Spec(long num, int valueBytes, int threads, long seed) {
  public Spec {
    if (num < 1 || valueBytes < 0 || threads < 1) {
      throw new IllegalArgumentException("need num >= 1, value size >= 0, threads >= 1; got "
          + num + ", " + valueBytes + ", " + threads);
    }
  }
}
