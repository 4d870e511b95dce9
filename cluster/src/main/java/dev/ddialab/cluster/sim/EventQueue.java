package dev.ddialab.cluster.sim;

import dev.ddialab.core.Invariants;
import java.util.Arrays;

/**
 * A binary min-heap of events by (time, sequence number). Hand-written rather than a
 * {@code PriorityQueue} with a comparator because it is the simulator's hottest structure: the
 * comparison inlines and there is no boxing. Bounded by {@code capacityMax} so that a protocol
 * that floods the network fails loudly instead of exhausting the heap.
 */
final class EventQueue {
  private final int capacityMax;
  private SimEvent[] heap = new SimEvent[1024];
  private int size;
  private long nextSeq;

  EventQueue(int capacityMax) {
    this.capacityMax = capacityMax;
  }

  void add(SimEvent event, long timeNanos) {
    Invariants.check(size < capacityMax,
        "event queue holds %d events: a protocol is flooding the network", size);
    event.timeNanos = timeNanos;
    event.seq = nextSeq++;
    if (size == heap.length) {
      heap = Arrays.copyOf(heap, size * 2);
    }
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      SimEvent p = heap[parent];
      if (!before(event, p)) {
        break;
      }
      heap[i] = p;
      i = parent;
    }
    heap[i] = event;
  }

  /** The earliest event, removed; null when empty. */
  SimEvent poll() {
    if (size == 0) {
      return null;
    }
    SimEvent first = heap[0];
    SimEvent last = heap[--size];
    heap[size] = null;
    if (size > 0) {
      siftDown(last);
    }
    return first;
  }

  /** Time of the earliest event; {@link Long#MAX_VALUE} when empty. */
  long peekTime() {
    return size == 0 ? Long.MAX_VALUE : heap[0].timeNanos;
  }

  int size() {
    return size;
  }

  private void siftDown(SimEvent event) {
    int i = 0;
    int half = size >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      SimEvent c = heap[child];
      int right = child + 1;
      if (right < size && before(heap[right], c)) {
        child = right;
        c = heap[child];
      }
      if (!before(c, event)) {
        break;
      }
      heap[i] = c;
      i = child;
    }
    heap[i] = event;
  }

  private static boolean before(SimEvent a, SimEvent b) {
    return a.timeNanos < b.timeNanos || (a.timeNanos == b.timeNanos && a.seq < b.seq);
  }
}
