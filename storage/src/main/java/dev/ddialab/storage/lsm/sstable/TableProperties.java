package dev.ddialab.storage.lsm.sstable;

import dev.ddialab.core.Bytes;
import dev.ddialab.storage.lsm.ByteReader;
import dev.ddialab.storage.lsm.ByteSink;
import dev.ddialab.storage.lsm.InternalKey;

/**
 * What a table says about itself, stored in its properties block so that a table file can be
 * checked against the manifest's record of it and described without reading its data.
 *
 * <pre>
 *   varint entries  varint tombstones  varint dataBlocks
 *   varint rawKeyBytes  varint rawValueBytes  varint minSequence  varint maxSequence
 *   varint(len) smallestUserKey  varint(len) largestUserKey
 * </pre>
 *
 * @param rawKeyBytes user-key bytes of all entries, before prefix compression
 * @param rawValueBytes value bytes of all entries, before compression
 */
public record TableProperties(long entries, long tombstones, long dataBlocks, long rawKeyBytes,
    long rawValueBytes, long minSequence, long maxSequence, byte[] smallestUserKey,
    byte[] largestUserKey) {

  byte[] encode() {
    ByteSink out = new ByteSink(64 + smallestUserKey.length + largestUserKey.length);
    out.putVarint(entries).putVarint(tombstones).putVarint(dataBlocks).putVarint(rawKeyBytes)
        .putVarint(rawValueBytes).putVarint(minSequence).putVarint(maxSequence)
        .putLengthPrefixed(smallestUserKey).putLengthPrefixed(largestUserKey);
    return out.toByteArray();
  }

  static TableProperties decode(byte[] contents) {
    ByteReader in = new ByteReader(contents);
    TableProperties p = new TableProperties(in.varint(), in.varint(), in.varint(), in.varint(),
        in.varint(), in.varint(), in.varint(), in.lengthPrefixed(), in.lengthPrefixed());
    in.expectEnd("properties block");
    if (p.minSequence > p.maxSequence || p.maxSequence > InternalKey.MAX_SEQUENCE
        || p.entries < 1 || p.tombstones > p.entries
        || Bytes.compare(p.smallestUserKey, p.largestUserKey) > 0) {
      throw new dev.ddialab.core.MalformedDataException("inconsistent table properties " + p, 0);
    }
    return p;
  }

  @Override
  public String toString() {
    return "TableProperties[entries=" + entries + ", tombstones=" + tombstones + ", dataBlocks="
        + dataBlocks + ", sequences=" + minSequence + ".." + maxSequence + ", keys="
        + Bytes.printable(smallestUserKey) + ".." + Bytes.printable(largestUserKey) + "]";
  }
}
