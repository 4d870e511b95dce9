package dev.ddialab.encoding;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A union of branches, written as the branch index and then the value. Per the specification a
 * union holds no directly nested union and at most one branch of each unnamed type; named types
 * are told apart by full name.
 */
public final class UnionSchema extends Schema {
  private final List<Schema> branches;
  private final Map<String, Integer> byName = new HashMap<>();

  UnionSchema(List<Schema> branches) {
    super(Type.UNION, null);
    this.branches = List.copyOf(branches);
    for (int i = 0; i < branches.size(); i++) {
      Schema branch = branches.get(i);
      if (branch.type() == Type.UNION) {
        throw new IllegalArgumentException("a union may not directly contain a union");
      }
      if (byName.put(branch.unionBranchName(), i) != null) {
        throw new IllegalArgumentException("duplicate branch '" + branch.unionBranchName() + "'");
      }
    }
  }

  public List<Schema> branches() {
    return branches;
  }

  /** The index of the branch named {@code name} (see {@link Schema#unionBranchName}), or -1. */
  public int indexOf(String name) {
    Integer index = byName.get(name);
    return index == null ? -1 : index;
  }
}
