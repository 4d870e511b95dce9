package dev.ddialab.cluster.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddialab.core.ChildJvm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What Maelstrom runs: a node process speaking JSON lines on stdin/stdout, with nothing else on
 * stdout (Maelstrom would take any other line for a malformed message).
 */
class MaelstromProcessTest {

  @Test
  void aNodeProcessAnswersMaelstromOnStdinAndStdout() throws Exception {
    Process process = ChildJvm.builder(NodeMain.class,
            List.of("--maelstrom", "--system", "lww-register", "--seed", "1"))
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try (PrintWriter in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
            StandardCharsets.UTF_8))) {
      in.println("{\"src\":\"c0\",\"dest\":\"n1\",\"body\":{\"type\":\"init\",\"msg_id\":1,"
          + "\"node_id\":\"n1\",\"node_ids\":[\"n1\"]}}");
      assertThat(out.readLine()).contains("\"type\":\"init_ok\"").contains("\"in_reply_to\":1");
      in.println("{\"src\":\"c1\",\"dest\":\"n1\",\"body\":{\"type\":\"write\",\"msg_id\":2,"
          + "\"key\":0,\"value\":7}}");
      assertThat(out.readLine()).contains("\"type\":\"write_ok\"").contains("\"in_reply_to\":2");
      in.println("{\"src\":\"c1\",\"dest\":\"n1\",\"body\":{\"type\":\"cas\",\"msg_id\":3,"
          + "\"key\":0,\"from\":1,\"to\":2}}");
      assertThat(out.readLine()).contains("\"type\":\"error\"").contains("\"code\":22");
      in.println("{\"src\":\"c1\",\"dest\":\"n1\",\"body\":{\"type\":\"read\",\"msg_id\":4,"
          + "\"key\":0}}");
      assertThat(out.readLine()).contains("\"type\":\"read_ok\"").contains("\"value\":7");
      process.getOutputStream().close(); // end of stdin: the node exits
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).isZero();
    } finally {
      process.destroyForcibly();
    }
  }
}
