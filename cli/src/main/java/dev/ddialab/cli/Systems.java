package dev.ddialab.cli;

import dev.ddialab.bench.cli.BenchCommand;
import dev.ddialab.cli.tour.PercentilesStep;
import dev.ddialab.cluster.cli.CheckCommand;
import dev.ddialab.cluster.cli.ClusterCommand;
import dev.ddialab.cluster.cli.ClusterTourStep;
import dev.ddialab.encoding.cli.EncodingTourStep;
import dev.ddialab.encoding.cli.SchemaCommand;
import dev.ddialab.core.tour.TourStep;
import dev.ddialab.storage.cli.KvCommand;
import dev.ddialab.storage.cli.KvTourStep;
import dev.ddialab.storage.cli.LsmTourStep;
import java.util.List;
import picocli.CommandLine.Command;

/**
 * The one place where systems are registered: each module owns its picocli command (in its
 * {@code cli} package) and its tour step; this list plugs them into {@code ./ddia}, grouped by the
 * book's three parts. A system appears here only once it truly works.
 */
final class Systems {
  private Systems() {}

  /** The book's parts, in the order {@code --help} shows them. */
  enum Part {
    FOUNDATIONS("Part I: Foundations of data systems (ch. 1-4)"),
    DISTRIBUTED("Part II: Distributed data (ch. 5-9)"),
    DERIVED("Part III: Derived data (ch. 10-12)"),
    /** Not a book part: benchmarks and utilities, listed last. */
    TOOLS("Tools");

    final String heading;

    Part(String heading) {
      this.heading = heading;
    }
  }

  /** A system: the part it belongs to and its top command (a picocli {@code @Command} class). */
  record Entry(Part part, Class<?> command) {
    /** The name users type, from the command's annotation. */
    String name() {
      return command.getAnnotation(Command.class).name();
    }
  }

  static final List<Entry> ALL = List.of(
      new Entry(Part.FOUNDATIONS, KvCommand.class),
      new Entry(Part.FOUNDATIONS, SchemaCommand.class),
      new Entry(Part.DISTRIBUTED, ClusterCommand.class),
      new Entry(Part.DISTRIBUTED, CheckCommand.class),
      new Entry(Part.TOOLS, BenchCommand.class));

  /**
   * Tour steps, sorted by chapter when the tour runs. Steps that are not a system of their own
   * (the chapter 1 percentile demonstration runs on core's histogram) are listed here too.
   */
  static final List<TourStep> TOUR = List.of(new PercentilesStep(), new KvTourStep(), new LsmTourStep(),
      new EncodingTourStep(), new ClusterTourStep());
}
