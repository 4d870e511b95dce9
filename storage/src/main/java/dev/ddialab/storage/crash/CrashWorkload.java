package dev.ddialab.storage.crash;

import dev.ddialab.core.Bytes;
import dev.ddialab.storage.Durability;
import dev.ddialab.storage.KvEngine;
import dev.ddialab.storage.KvEntry;
import dev.ddialab.storage.KvIterator;
import dev.ddialab.storage.WriteBatch;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A deterministic stream of writes for crash testing: operation {@code i} is always the same put,
 * delete or batch, so the process that checks a database after a {@code kill -9} can recompute
 * exactly what the killed writer did. Keys repeat (a small key space) so that overwrites,
 * tombstones and merges all happen; values carry their operation number and a variable-length
 * tail.
 */
public final class CrashWorkload {
  static final int KEY_SPACE = 400;

  private CrashWorkload() {}

  /** Operation {@code i}, as a batch (a single put or delete is a batch of one, applied alone). */
  public static WriteBatch op(long i) {
    SplittableRandom random = new SplittableRandom(i * 0x9E3779B97F4A7C15L);
    int kind = (int) (i % 10);
    WriteBatch batch = new WriteBatch();
    if (kind < 6) {
      batch.put(key(random), value(i, random));
    } else if (kind < 8) {
      batch.delete(key(random));
    } else {
      batch.put(key(random), value(i, random));
      batch.put(key(random), value(i, random));
      batch.delete(key(random));
      batch.put(key(random), value(i, random));
    }
    return batch;
  }

  /** Whether op {@code i} is written as a multi-operation atomic batch. */
  public static boolean isBatch(long i) {
    return i % 10 >= 8;
  }

  private static byte[] key(SplittableRandom random) {
    return Bytes.utf8(String.format("key-%04d", random.nextInt(KEY_SPACE)));
  }

  private static byte[] value(long i, SplittableRandom random) {
    byte[] tail = new byte[random.nextInt(200)];
    Arrays.fill(tail, (byte) ('a' + (int) (i % 26)));
    return Bytes.utf8("op-" + i + "-" + Bytes.utf8(tail));
  }

  /** Performs op {@code i} on the engine with a synced write. */
  public static void execute(KvEngine engine, long i) throws IOException {
    WriteBatch batch = op(i);
    if (isBatch(i)) {
      engine.write(batch, Durability.SYNC);
      return;
    }
    WriteBatch.Op op = batch.ops().get(0);
    if (op.isDelete()) {
      engine.delete(op.key(), Durability.SYNC);
    } else {
      engine.put(op.key(), op.value(), Durability.SYNC);
    }
  }

  /** Applies op {@code i} to a model map (keys as strings). */
  public static void apply(TreeMap<String, String> model, long i) {
    for (WriteBatch.Op op : op(i).ops()) {
      if (op.isDelete()) {
        model.remove(Bytes.utf8(op.key()));
      } else {
        model.put(Bytes.utf8(op.key()), Bytes.utf8(op.value()));
      }
    }
  }

  /** The whole content of a database, for comparison with a model. */
  public static TreeMap<String, String> contents(KvEngine engine) throws IOException {
    TreeMap<String, String> actual = new TreeMap<>();
    try (KvIterator it = engine.scan(null, null)) {
      while (it.hasNext()) {
        KvEntry entry = it.next();
        actual.put(Bytes.utf8(entry.key()), Bytes.utf8(entry.value()));
      }
    }
    return actual;
  }

  /**
   * What a reopened database holds compared with what was acknowledged.
   *
   * @param lostWrites acknowledged keys whose value is missing or different, when the state is
   *     neither the acknowledged one nor that plus the in-flight operation; 0 when it is either
   * @param inFlightApplied the in-flight operation (done but not acknowledged) was found applied
   */
  public record Check(long lostWrites, boolean inFlightApplied, String explanation) {}

  /**
   * Checks a database's contents after a crash: it must hold exactly the acknowledged operations,
   * plus possibly the one operation that was in flight when the writer died.
   */
  public static Check check(TreeMap<String, String> actual, TreeMap<String, String> acknowledged,
      long inFlight) {
    if (actual.equals(acknowledged)) {
      return new Check(0, false, "as acknowledged");
    }
    TreeMap<String, String> withInFlight = new TreeMap<>(acknowledged);
    apply(withInFlight, inFlight);
    if (actual.equals(withInFlight)) {
      return new Check(0, true, "as acknowledged, plus the in-flight op " + inFlight);
    }
    long lost = 0;
    for (Map.Entry<String, String> e : withInFlight.entrySet()) {
      if (!Objects.equals(actual.get(e.getKey()), e.getValue())) {
        lost++;
      }
    }
    for (String key : actual.keySet()) {
      if (!withInFlight.containsKey(key)) {
        lost++; // a deleted key came back: the delete was lost
      }
    }
    return new Check(Math.max(1, lost), false, "after the crash the database holds neither the"
        + " acknowledged state (" + firstDifference(acknowledged, actual) + ") nor that plus"
        + " in-flight op " + inFlight + " (" + firstDifference(withInFlight, actual) + ")");
  }

  static String firstDifference(Map<String, String> expected, Map<String, String> actual) {
    for (Map.Entry<String, String> e : expected.entrySet()) {
      String got = actual.get(e.getKey());
      if (!Objects.equals(got, e.getValue())) {
        return "key " + e.getKey() + " expected '" + e.getValue() + "' but found '" + got + "'";
      }
    }
    for (String key : actual.keySet()) {
      if (!expected.containsKey(key)) {
        return "key " + key + " is present but was never acknowledged";
      }
    }
    return "no difference";
  }
}
