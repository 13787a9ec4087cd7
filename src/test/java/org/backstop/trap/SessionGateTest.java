package org.backstop.trap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

class SessionGateTest {
  @Test
  void nagleIsTurnedOffSoPipelinedRepliesAreNotHeldBack() throws Exception {
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket client = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
        Socket accepted = listener.accept()) {
      assertThat(accepted.getTcpNoDelay()).isFalse();
      SessionGate.noDelay(accepted);
      assertThat(accepted.getTcpNoDelay()).isTrue();
    }
  }

  @Test
  void aSocketAlreadyClosedIsNoError() throws Exception {
    Socket closed = new Socket();
    closed.close();
    SessionGate.noDelay(closed);
    assertThat(closed.isClosed()).isTrue();
  }
}
