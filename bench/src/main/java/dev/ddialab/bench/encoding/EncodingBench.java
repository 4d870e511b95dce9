package dev.ddialab.bench.encoding;

import dev.ddialab.encoding.GenericRecord;
import dev.ddialab.encoding.Schema;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Encodes and decodes the same events with every codec, in this JVM: a few untimed warm-up
 * passes per codec (so the JIT has compiled the hot paths), then timed runs, each codec in turn,
 * of which the median is reported. Each pass encodes every event into its own array and decodes
 * every array, keeping all results reachable so that no work can be optimized away.
 */
public final class EncodingBench {
  public static final String OUR_AVRO = "ddia avro";
  public static final String APACHE_AVRO = "apache avro";
  static final int WARMUP_PASSES = 3;

  /** Timings are nanoseconds per pass, one entry per timed run. */
  public record Result(String codec, int records, long bytes, long[] encodeNanos,
      long[] decodeNanos) {
    public double bytesPerRecord() {
      return (double) bytes / records;
    }

    public double encodePerSec() {
      return records * 1e9 / median(encodeNanos);
    }

    public double decodePerSec() {
      return records * 1e9 / median(decodeNanos);
    }

    /** Records per second when each is both encoded and decoded (median of the runs' sums). */
    public double roundTripPerSec() {
      long[] sums = new long[encodeNanos.length];
      for (int i = 0; i < sums.length; i++) {
        sums[i] = encodeNanos[i] + decodeNanos[i];
      }
      return records * 1e9 / median(sums);
    }

    private static double median(long[] values) {
      long[] sorted = values.clone();
      Arrays.sort(sorted);
      int middle = sorted.length / 2;
      return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }
  }

  private EncodingBench() {}

  /** Every codec, ours first; the order of the report. */
  public static List<Codec> codecs(Schema schema) {
    List<Codec> codecs = new ArrayList<>(OurCodecs.all(schema));
    codecs.add(new ApacheAvroCodec());
    codecs.add(new ProtobufCodec());
    codecs.add(new JacksonCodec());
    return codecs;
  }

  public static List<Result> run(int records, int runs, long seed, PrintStream log)
      throws Exception {
    Schema schema = BidEvents.schema();
    List<GenericRecord> events = BidEvents.generate(schema, records, seed);
    List<Trial> trials = new ArrayList<>();
    for (Codec codec : codecs(schema)) {
      log.printf("bench encoding: warming up %s%n", codec.name());
      Trial trial = new Trial(codec, codec.prepare(events), runs);
      for (int pass = 0; pass < WARMUP_PASSES; pass++) {
        trial.pass(-1);
      }
      trials.add(trial);
    }
    // Runs are interleaved across codecs, so that a change in the machine's load during the
    // benchmark falls on every codec alike rather than on whichever ran then.
    for (int run = 0; run < runs; run++) {
      log.printf("bench encoding: run %d of %d%n", run + 1, runs);
      for (Trial trial : trials) {
        trial.pass(run);
      }
    }
    return trials.stream().map(Trial::result).toList();
  }

  /** One codec's inputs, outputs and timings. */
  private static final class Trial {
    final Codec codec;
    final Object[] inputs;
    final byte[][] encoded;
    final Object[] decoded;
    final long[] encodeNanos;
    final long[] decodeNanos;

    Trial(Codec codec, Object[] inputs, int runs) {
      this.codec = codec;
      this.inputs = inputs;
      this.encoded = new byte[inputs.length][];
      this.decoded = new Object[inputs.length];
      this.encodeNanos = new long[runs];
      this.decodeNanos = new long[runs];
    }

    /** Encodes and decodes everything; {@code run} < 0 is a warm-up pass, not recorded. */
    void pass(int run) throws Exception {
      long encode = encodeAll(codec, inputs, encoded);
      long decode = decodeAll(codec, encoded, decoded);
      if (run >= 0) {
        encodeNanos[run] = encode;
        decodeNanos[run] = decode;
      }
    }

    Result result() {
      long bytes = 0;
      for (byte[] one : encoded) {
        bytes += one.length;
      }
      return new Result(codec.name(), inputs.length, bytes, encodeNanos, decodeNanos);
    }
  }

  private static long encodeAll(Codec codec, Object[] inputs, byte[][] encoded) throws Exception {
    long start = System.nanoTime();
    for (int i = 0; i < inputs.length; i++) {
      encoded[i] = codec.encode(inputs[i]);
    }
    return System.nanoTime() - start;
  }

  private static long decodeAll(Codec codec, byte[][] encoded, Object[] decoded)
      throws Exception {
    long start = System.nanoTime();
    for (int i = 0; i < encoded.length; i++) {
      decoded[i] = codec.decode(encoded[i]);
    }
    return System.nanoTime() - start;
  }
}
