package dev.ddialab.storage.lsm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddialab.core.Bytes;
import dev.ddialab.storage.lsm.sstable.BlockBuilder;
import dev.ddialab.storage.lsm.sstable.BlockCodec;
import dev.ddialab.storage.lsm.sstable.Compression;
import dev.ddialab.storage.lsm.version.FileMeta;
import dev.ddialab.storage.lsm.version.VersionEdit;
import dev.ddialab.storage.lsm.version.VersionEditCodec;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The byte examples in {@code docs/format.md}, "LSM-tree engine", are what the code writes. */
class FormatExamplesTest {
  private static String hex(byte[] bytes, int length) {
    return Bytes.toHex(Arrays.copyOf(bytes, length)).replaceAll("(..)(?!$)", "$1 ");
  }

  @Test
  void walRecordExample() {
    byte[] record = WalRecord.put(Bytes.utf8("k"), Bytes.utf8("v"));
    WalRecord.setSequence(record, 42);
    assertThat(hex(record, record.length)).isEqualTo("00 00 00 00 00 00 00 2a 01 01 01 6b 01 76");
  }

  @Test
  void manifestRecordExample() {
    VersionEdit edit = VersionEdit.builder().logNumber(3)
        .add(0, new FileMeta(7, 4096, Bytes.utf8("a"), Bytes.utf8("c"), 3, 1, 10, 12)).build();
    byte[] record = VersionEditCodec.encode(edit);
    assertThat(hex(record, record.length))
        .isEqualTo("01 02 03 06 00 07 80 20 03 01 0a 0c 01 61 01 63");
  }

  @Test
  void dataBlockExample() {
    BlockBuilder block = new BlockBuilder(16, 64);
    byte[] red = Bytes.utf8("red");
    block.add(Bytes.utf8("apple"), InternalKey.trailer(5, InternalKey.TYPE_PUT), red, 0, 3);
    block.add(Bytes.utf8("apricot"), InternalKey.trailer(7, InternalKey.TYPE_DELETE), red, 0, 0);
    ByteSink contents = block.finish();
    assertThat(hex(contents.array(), contents.size())).isEqualTo(
        "00 0d 03 61 70 70 6c 65 00 00 00 00 00 00 05 01 72 65 64 "
            + "02 0d 00 72 69 63 6f 74 00 00 00 00 00 00 07 00 "
            + "00 00 00 00 00 00 00 01");
    ByteSink frame = new ByteSink(64);
    BlockCodec.writeFrame(contents.array(), contents.size(), Compression.NONE, frame,
        new ByteSink(64));
    assertThat(hex(frame.array(), 9)).isEqualTo("00 00 00 2c f3 d7 d4 02 00");
  }
}
