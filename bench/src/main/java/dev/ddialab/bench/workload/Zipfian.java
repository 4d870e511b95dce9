package dev.ddialab.bench.workload;

import java.util.random.RandomGenerator;

/**
 * Zipf-distributed integers in {@code [0, items)}: item 0 is the most popular, and popularity
 * falls off as {@code 1/rank^theta}. The algorithm is Gray et al., "Quickly Generating
 * Billion-Record Synthetic Databases" (SIGMOD 1994), as YCSB uses it, with theta 0.99 by
 * default. The item count may grow ({@link #grow}); zeta is extended incrementally so that
 * YCSB's "latest" distribution can follow inserts. Not thread-safe.
 */
public final class Zipfian {
  public static final double YCSB_THETA = 0.99;

  private final double theta;
  private final double alpha;
  private final double zeta2;
  private long items;
  private double zetaN;
  private double eta;

  public Zipfian(long items, double theta) {
    if (items < 1) {
      throw new IllegalArgumentException("a Zipfian needs at least one item, got " + items);
    }
    this.theta = theta;
    this.alpha = 1.0 / (1.0 - theta);
    this.zeta2 = zeta(0, 2, theta, 0);
    this.items = items;
    this.zetaN = zeta(0, items, theta, 0);
    this.eta = eta();
  }

  /** Sum of {@code 1/i^theta} for i in (from, to], added to {@code initial}. */
  private static double zeta(long from, long to, double theta, double initial) {
    double sum = initial;
    for (long i = from + 1; i <= to; i++) {
      sum += 1.0 / Math.pow(i, theta);
    }
    return sum;
  }

  private double eta() {
    return (1 - Math.pow(2.0 / items, 1 - theta)) / (1 - zeta2 / zetaN);
  }

  /** Extends the distribution to {@code newItems} items (never shrinks). */
  public void grow(long newItems) {
    if (newItems > items) {
      zetaN = zeta(items, newItems, theta, zetaN);
      items = newItems;
      eta = eta();
    }
  }

  public long items() {
    return items;
  }

  public long next(RandomGenerator random) {
    double u = random.nextDouble();
    double uz = u * zetaN;
    if (uz < 1.0) {
      return 0;
    }
    if (uz < 1.0 + Math.pow(0.5, theta)) {
      return 1;
    }
    long item = (long) (items * Math.pow(eta * u - eta + 1, alpha));
    return Math.min(item, items - 1);
  }
}
