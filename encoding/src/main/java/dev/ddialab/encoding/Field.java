package dev.ddialab.encoding;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A field of a record.
 *
 * @param position the field's index in its record (the order the binary encoding writes fields)
 * @param defaultValue the default, or null when the field has none (a reader fills a field missing
 *     from the writer's data with it)
 * @param aliases former names of the field, for renames
 * @param tag the field number of the tagged (Protobuf wire format) encoding, from the field's
 *     {@code "tag"} attribute; null when untagged
 * @param protobufType how the tagged encoding writes an int or long: {@code int32} (the default for
 *     int), {@code int64} (for long), {@code sint32}/{@code sint64} (zig-zag),
 *     {@code fixed32}/{@code fixed64}/{@code sfixed32}/{@code sfixed64}; from the field's
 *     {@code "protobuf"} attribute; null for the default
 */
public record Field(
    String name,
    Schema schema,
    int position,
    Default defaultValue,
    List<String> aliases,
    String doc,
    Order order,
    Integer tag,
    String protobufType) {

  /** Sort order of the field, kept for round trips (our codecs do not sort). */
  public enum Order { ASCENDING, DESCENDING, IGNORE }

  /**
   * A field default: the value in our value model, and the JSON it was given as.
   *
   * @param value the default in the value model; may be null (a null default)
   */
  public record Default(Object value, JsonNode json) {}

  public Field {
    aliases = List.copyOf(aliases);
  }

  public boolean hasDefault() {
    return defaultValue != null;
  }
}
