package org.backstop.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The one-socket client against a hostile server: garbage and mismatched answers are ignored. */
class UdpDnsClientIT {

  @Test
  void ignoresGarbageAndAnswersToOtherQuestions() throws Exception {
    try (DatagramSocket server =
            new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        UdpDnsClient client =
            new UdpDnsClient(
                (InetSocketAddress) server.getLocalSocketAddress(), Duration.ofSeconds(3))) {
      var answer = client.query(Name.fromString("q.example."), Type.A);
      DatagramPacket p = new DatagramPacket(new byte[512], 512);
      server.receive(p);
      Message q = new Message(Arrays.copyOf(p.getData(), p.getLength()));
      var to = p.getSocketAddress();

      byte[] garbage = {1, 2, 3};
      server.send(new DatagramPacket(garbage, garbage.length, to));
      Message other = reply(q, "other.example.", "127.0.0.9");
      server.send(packet(other, to));
      Message wrongId = reply(q, "q.example.", "127.0.0.8");
      wrongId.getHeader().setID((q.getHeader().getID() + 1) & 0xFFFF);
      server.send(packet(wrongId, to));
      server.send(packet(reply(q, "q.example.", "127.0.0.2"), to));

      assertThat(answer.get().addresses())
          .extracting(Object::toString)
          .containsExactly("127.0.0.2");
    }
  }

  @Test
  void silentServerTimesOutAfterOneResend() throws Exception {
    try (DatagramSocket server =
            new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        UdpDnsClient client =
            new UdpDnsClient(
                (InetSocketAddress) server.getLocalSocketAddress(), Duration.ofMillis(400))) {
      var answer = client.query(Name.fromString("q.example."), Type.A);
      DatagramPacket p = new DatagramPacket(new byte[512], 512);
      server.setSoTimeout(2000);
      server.receive(p);
      server.receive(p); // the resend at half the deadline
      assertThatThrownBy(answer::get)
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(DnsTimeoutException.class);
    }
  }

  private static Message reply(Message q, String name, String ip) throws Exception {
    Message m = new Message(q.getHeader().getID());
    m.getHeader().setFlag(Flags.QR);
    Record question = Record.newRecord(Name.fromString(name), Type.A, DClass.IN);
    m.addRecord(question, Section.QUESTION);
    m.addRecord(
        new ARecord(Name.fromString(name), DClass.IN, 60, InetAddress.getByName(ip)),
        Section.ANSWER);
    return m;
  }

  private static DatagramPacket packet(Message m, java.net.SocketAddress to) {
    byte[] b = m.toWire();
    return new DatagramPacket(b, b.length, to);
  }
}
