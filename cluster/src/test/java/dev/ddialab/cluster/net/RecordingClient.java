package dev.ddialab.cluster.net;

import dev.ddialab.cluster.MessageCodec;
import dev.ddialab.cluster.NodeId;
import dev.ddialab.cluster.client.ClientAdapter;
import dev.ddialab.cluster.client.Completion;
import dev.ddialab.cluster.client.Invocation;
import dev.ddialab.cluster.history.HistoryRecorder;
import dev.ddialab.cluster.history.OpType;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

/** A real client of a node process that records a Jepsen history, for real-process tests. */
final class RecordingClient<M> implements AutoCloseable {
  private final TcpClient<M> client;
  private final ClientAdapter<M> adapter;
  private final HistoryRecorder history;
  private int process;
  private final int stride;

  RecordingClient(int process, int stride, NodeId server, InetSocketAddress address,
      MessageCodec<M> codec, ClientAdapter<M> adapter, HistoryRecorder history)
      throws IOException {
    this.client = new TcpClient<>(NodeId.client(process + 1), server, address, codec);
    this.adapter = adapter;
    this.history = history;
    this.process = process;
    this.stride = stride;
  }

  Completion invoke(Invocation op, Duration timeout) throws IOException, InterruptedException {
    history.invoke(process, op.f(), op.key(), op.value(), System.nanoTime());
    M reply = client.call(msgId -> adapter.request(op, msgId), timeout);
    Completion completion = reply == null ? Completion.info() : adapter.complete(op, reply);
    history.complete(process, completion.type(), op.f(), op.key(),
        completion.type() == OpType.FAIL ? op.value() : completion.value(), System.nanoTime());
    if (completion.type() == OpType.INFO) {
      process += stride;
    }
    return completion;
  }

  @Override
  public void close() throws IOException {
    client.close();
  }
}
