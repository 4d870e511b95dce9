package dev.ddialab.storage.lsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddialab.core.Bytes;
import dev.ddialab.core.MalformedDataException;
import dev.ddialab.storage.WriteBatch;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** WAL records carry a write's operations and their sequence numbers, and reject damage. */
class WalRecordTest {
  @Property(tries = 200)
  void aBatchRoundTripsWithConsecutiveSequences(
      @ForAll @Size(min = 1, max = 20) List<@Size(min = 1, max = 10) byte[]> keys,
      @ForAll @LongRange(min = 1, max = 1L << 50) long first) {
    WriteBatch batch = new WriteBatch();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      if (i % 3 == 2) {
        batch.delete(keys.get(i));
        expected.add((first + i) + " del " + Bytes.toHex(keys.get(i)));
      } else {
        batch.put(keys.get(i), keys.get(i));
        expected.add((first + i) + " put " + Bytes.toHex(keys.get(i)) + "=" + Bytes.toHex(keys.get(i)));
      }
    }
    byte[] record = WalRecord.batch(batch);
    WalRecord.setSequence(record, first);
    List<String> decoded = new ArrayList<>();
    long last = WalRecord.decode(record, (seq, tomb, key, value) -> decoded.add(seq
        + (tomb ? " del " + Bytes.toHex(key) : " put " + Bytes.toHex(key) + "=" + Bytes.toHex(value))));
    assertThat(decoded).containsExactlyElementsOf(expected);
    assertThat(last).isEqualTo(first + keys.size() - 1);
    assertThat(WalRecord.count(record)).isEqualTo(keys.size());
  }

  @Property(tries = 1)
  void malformedRecordsAreRejected() {
    byte[] put = WalRecord.put(Bytes.utf8("k"), Bytes.utf8("v"));
    assertThatThrownBy(() -> WalRecord.decode(put, (s, t, k, v) -> {}))
        .as("sequence 0 is never assigned").isInstanceOf(MalformedDataException.class);
    WalRecord.setSequence(put, 5);
    byte[] cut = java.util.Arrays.copyOf(put, put.length - 1);
    assertThatThrownBy(() -> WalRecord.decode(cut, (s, t, k, v) -> {}))
        .isInstanceOf(MalformedDataException.class);
    byte[] badType = put.clone();
    badType[9] = 7;
    assertThatThrownBy(() -> WalRecord.decode(badType, (s, t, k, v) -> {}))
        .isInstanceOf(MalformedDataException.class).hasMessageContaining("unknown operation type");
  }
}
