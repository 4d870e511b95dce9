package dev.ddialab.encoding.registry;

import dev.ddialab.encoding.Schema;
import dev.ddialab.encoding.SchemaException;
import dev.ddialab.encoding.evolution.Compatibility;
import dev.ddialab.encoding.evolution.CompatibilityMode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The schema registry's state and rules (DDIA ch. 4, "But what is the writer's schema?": a
 * database of schema versions, so that a record can carry a small id instead of its schema).
 * Subjects hold numbered versions; every distinct schema gets one global id, shared by all
 * subjects that register it. A new version is accepted only if the subject's compatibility mode
 * allows it. Every change is written to the {@link RegistryLog} and synced before it is applied
 * and acknowledged, and the state is rebuilt from the log on open.
 *
 * <p>Thread-safe: all methods are synchronized (the registry is small and writes are fsync-bound).
 */
public final class SchemaRegistry implements AutoCloseable {
  /** A subject's version. */
  public record Version(String subject, int version, int id, Schema schema) {}

  private final RegistryLog log;
  private final Map<Integer, Schema> byId = new HashMap<>();
  private final Map<String, Integer> idByJson = new HashMap<>();
  private final Map<String, List<Version>> subjects = new TreeMap<>();
  private final Map<String, CompatibilityMode> subjectModes = new HashMap<>();
  private CompatibilityMode globalMode;
  private int nextId = 1;

  private SchemaRegistry(Path dir, CompatibilityMode initialMode) throws IOException {
    this.globalMode = initialMode;
    this.log = RegistryLog.open(dir, this::apply);
  }

  /**
   * Opens the registry stored in {@code dir}, creating it if empty.
   *
   * @param defaultMode the global mode until one is set with {@link #setMode}
   */
  public static SchemaRegistry open(Path dir, CompatibilityMode defaultMode) throws IOException {
    return new SchemaRegistry(dir, defaultMode);
  }

  /**
   * Registers {@code schemaJson} under {@code subject}; returns its global id. Registering a
   * schema the subject already has returns the existing id without a new version.
   *
   * @throws RegistryException 422 for an invalid schema, 409 when the mode forbids it
   */
  public synchronized int register(String subject, String schemaJson) throws IOException {
    Schema schema = parse(schemaJson);
    String normalized = schema.toJson();
    List<Version> versions = subjects.getOrDefault(subject, List.of());
    for (Version existing : versions) {
      if (existing.schema().toJson().equals(normalized)) {
        return existing.id();
      }
    }
    CompatibilityMode mode = mode(subject);
    List<Compatibility.Violation> violations =
        Compatibility.check(mode, versions.stream().map(Version::schema).toList(), schema);
    if (!violations.isEmpty()) {
      throw new RegistryException(409, RegistryException.INCOMPATIBLE_SCHEMA,
          "Schema being registered is incompatible with an earlier schema for subject \""
              + subject + "\" (" + mode + "), details: " + describe(violations, versions));
    }
    Integer id = idByJson.get(normalized);
    RegistryEvent.SchemaRegistered event = new RegistryEvent.SchemaRegistered(
        id != null ? id : nextId, subject, versions.size() + 1, normalized);
    log.append(event);
    apply(event);
    return event.id();
  }

  /** The messages of a compatibility check of {@code schemaJson} against one version or all. */
  public synchronized List<String> checkCompatibility(String subject, String versionOrLatest,
      String schemaJson) {
    Schema schema = parse(schemaJson);
    List<Version> versions = versions(subject);
    List<Version> against = versionOrLatest == null ? versions
        : List.of(version(subject, versionOrLatest));
    CompatibilityMode mode = mode(subject);
    if (versionOrLatest != null && mode.transitive()) {
      mode = CompatibilityMode.valueOf(mode.name().replace("_TRANSITIVE", ""));
    }
    List<Compatibility.Violation> violations =
        Compatibility.check(mode, against.stream().map(Version::schema).toList(), schema);
    List<String> messages = new ArrayList<>();
    for (Compatibility.Violation violation : violations) {
      messages.add(describe(violation, against));
    }
    return messages;
  }

  public synchronized List<String> subjects() {
    return List.copyOf(subjects.keySet());
  }

  /** @throws RegistryException 404 when the subject does not exist */
  public synchronized List<Version> versions(String subject) {
    List<Version> versions = subjects.get(subject);
    if (versions == null) {
      throw new RegistryException(404, RegistryException.SUBJECT_NOT_FOUND,
          "Subject '" + subject + "' not found.");
    }
    return List.copyOf(versions);
  }

  /** Version {@code version} (a positive number, or {@code latest}) of {@code subject}. */
  public synchronized Version version(String subject, String version) {
    List<Version> versions = versions(subject);
    if ("latest".equals(version) || "-1".equals(version)) {
      return versions.get(versions.size() - 1);
    }
    int number;
    try {
      number = Integer.parseInt(version);
    } catch (NumberFormatException e) {
      number = 0;
    }
    if (number < 1) {
      throw new RegistryException(422, RegistryException.INVALID_VERSION,
          "The specified version '" + version + "' is not a valid version id. Allowed values are"
              + " between [1, 2^31-1] and the string \"latest\"");
    }
    if (number > versions.size()) {
      throw new RegistryException(404, RegistryException.VERSION_NOT_FOUND,
          "Version " + number + " not found.");
    }
    return versions.get(number - 1);
  }

  /** The version of {@code subject} whose schema equals {@code schemaJson}. */
  public synchronized Version lookup(String subject, String schemaJson) {
    String normalized = parse(schemaJson).toJson();
    for (Version version : versions(subject)) {
      if (version.schema().toJson().equals(normalized)) {
        return version;
      }
    }
    throw new RegistryException(404, RegistryException.SCHEMA_NOT_FOUND, "Schema not found");
  }

  /** @throws RegistryException 404 when no schema has this id */
  public synchronized Schema schemaById(int id) {
    Schema schema = byId.get(id);
    if (schema == null) {
      throw new RegistryException(404, RegistryException.SCHEMA_NOT_FOUND,
          "Schema " + id + " not found");
    }
    return schema;
  }

  /** The mode in force for {@code subject}: its own, else the global one. */
  public synchronized CompatibilityMode mode(String subject) {
    return subject == null ? globalMode : subjectModes.getOrDefault(subject, globalMode);
  }

  /** The subject's own mode, or null when it has none. */
  public synchronized CompatibilityMode subjectMode(String subject) {
    return subjectModes.get(subject);
  }

  /** Sets the mode of {@code subject}, or the global mode when {@code subject} is null. */
  public synchronized void setMode(String subject, CompatibilityMode mode) throws IOException {
    RegistryEvent.ConfigSet event =
        new RegistryEvent.ConfigSet(subject == null ? "" : subject, mode.name());
    log.append(event);
    apply(event);
  }

  @Override
  public synchronized void close() throws IOException {
    log.close();
  }

  private void apply(RegistryEvent event) {
    switch (event) {
      case RegistryEvent.SchemaRegistered registered -> {
        Schema schema = Schema.parse(registered.schema());
        List<Version> versions = subjects.computeIfAbsent(registered.subject(),
            s -> new ArrayList<>());
        if (registered.version() != versions.size() + 1) {
          throw new IllegalStateException("registry log: version " + registered.version()
              + " of subject " + registered.subject() + " follows version " + versions.size());
        }
        versions.add(new Version(registered.subject(), registered.version(), registered.id(),
            schema));
        byId.putIfAbsent(registered.id(), schema);
        idByJson.putIfAbsent(registered.schema(), registered.id());
        nextId = Math.max(nextId, registered.id() + 1);
      }
      case RegistryEvent.ConfigSet config -> {
        CompatibilityMode mode = CompatibilityMode.parse(config.mode());
        if (config.subject().isEmpty()) {
          globalMode = mode;
        } else {
          subjectModes.put(config.subject(), mode);
        }
      }
    }
  }

  private static Schema parse(String schemaJson) {
    try {
      return Schema.parse(schemaJson);
    } catch (SchemaException e) {
      throw new RegistryException(422, RegistryException.INVALID_SCHEMA,
          "Invalid schema: " + e.getMessage());
    }
  }

  private static String describe(List<Compatibility.Violation> violations, List<Version> against) {
    List<String> messages = new ArrayList<>();
    for (Compatibility.Violation violation : violations) {
      messages.add(describe(violation, against));
    }
    return messages.toString();
  }

  private static String describe(Compatibility.Violation violation, List<Version> against) {
    Version old = against.get(violation.against());
    String direction = violation.direction() == Compatibility.Direction.NEW_READS_OLD
        ? "reading data written with version " + old.version()
        : "version " + old.version() + " reading new data";
    return direction + ": " + violation.incompatibility();
  }
}
