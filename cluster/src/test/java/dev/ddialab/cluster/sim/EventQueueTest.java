package dev.ddialab.cluster.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** The heap against a trivially correct model: a stable sort by time. */
class EventQueueTest {

  @Property(tries = 200)
  void pollsInTimeOrderAndFifoAmongEqualTimes(
      @ForAll @Size(max = 300) List<@LongRange(min = 0, max = 20) Long> times) {
    EventQueue queue = new EventQueue(1_000);
    List<SimEvent> added = new ArrayList<>();
    for (long t : times) {
      SimEvent e = new SimEvent.Action("e", () -> { });
      queue.add(e, t);
      added.add(e);
    }
    List<SimEvent> expected = new ArrayList<>(added);
    expected.sort(Comparator.comparingLong(e -> e.timeNanos)); // stable: FIFO among equal times
    List<SimEvent> polled = new ArrayList<>();
    for (SimEvent e = queue.poll(); e != null; e = queue.poll()) {
      polled.add(e);
    }
    assertThat(polled).containsExactlyElementsOf(expected);
  }
}
