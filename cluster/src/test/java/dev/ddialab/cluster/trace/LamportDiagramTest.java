package dev.ddialab.cluster.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LamportDiagramTest {

  @Test
  void drawsDeliveriesAsArrowsAndLostMessagesAsCrossesInsideTheWindow() {
    List<TraceEvent> events = List.of(
        new TraceEvent(1_000_000, TraceEvent.Kind.DELIVER, "n2", "n1", "Gossip[x<y]", 0),
        new TraceEvent(2_000_000, TraceEvent.Kind.DROP, "n1", "n3", "Gossip[z]", 2_000_000),
        new TraceEvent(3_000_000, TraceEvent.Kind.CRASH, "n3", null, "", -1),
        new TraceEvent(9_000_000, TraceEvent.Kind.DELIVER, "n1", "n2", "Outside[]", 8_000_000));
    String svg = LamportDiagram.svg(events, 0, 5_000_000);
    assertThat(svg).startsWith("<svg").endsWith("</svg>");
    assertThat(svg).contains("Gossip[x&lt;y]").contains("&#x2715;").contains("crash")
        .doesNotContain("Outside");
    assertThat(svg.split("marker-end=", -1)).hasSize(2);
  }

  @Test
  void theTraceHashSeesEveryStepButNotLogLines() {
    TraceHash a = new TraceHash();
    TraceHash b = new TraceHash();
    TraceEvent step = new TraceEvent(5, TraceEvent.Kind.DELIVER, "n1", "n2", "m", 1);
    a.accept(step);
    b.accept(step);
    b.accept(new TraceEvent(6, TraceEvent.Kind.LOG, "n1", null, "hello", -1));
    assertThat(a.value()).isEqualTo(b.value());
    b.accept(new TraceEvent(7, TraceEvent.Kind.TIMER, "n1", null, "t", -1));
    assertThat(a.value()).isNotEqualTo(b.value());
  }
}
