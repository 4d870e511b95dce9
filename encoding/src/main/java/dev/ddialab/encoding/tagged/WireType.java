package dev.ddialab.encoding.tagged;

/** Protobuf's wire types: how many bytes follow a field key. Groups (3, 4) are not supported. */
enum WireType {
  VARINT(0), I64(1), LEN(2), I32(5);

  final int id;

  WireType(int id) {
    this.id = id;
  }

  /** The wire type with id {@code id}, or null (including the deprecated groups). */
  static WireType of(int id) {
    for (WireType type : values()) {
      if (type.id == id) {
        return type;
      }
    }
    return null;
  }
}
