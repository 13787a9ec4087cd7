package org.backstop.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.backstop.net.Cidr;
import org.backstop.zone.Value;
import org.backstop.zone.ZoneSnapshot;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The epoll transport's per-batch handler, on Netty's in-memory channel (no sockets). */
class UdpResponderTest {

  private static EmbeddedChannel channel(int highWaterMark) {
    ZoneRegistry zones = new ZoneRegistry();
    String longText = "x".repeat(1000) + " $";
    zones.publish(
        ZoneSnapshot.builder("bl.test")
            .serial(1)
            .add(Cidr.parse("192.0.2.0/24"), Value.of("127.0.0.2", longText))
            .build());
    EmbeddedChannel ch =
        new EmbeddedChannel(
            new EpollUdpServer.Responder(
                new QueryHandler(zones, QueryHandler.QueryListener.NONE, Clock.systemUTC())));
    ch.config()
        .setOption(
            ChannelOption.WRITE_BUFFER_WATER_MARK,
            new WriteBufferWaterMark(highWaterMark / 2, highWaterMark));
    return ch;
  }

  private static DatagramPacket query(int host, InetSocketAddress from) throws Exception {
    Message q =
        Message.newQuery(
            Record.newRecord(Name.fromString(host + ".2.0.192.bl.test."), Type.TXT, DClass.IN));
    q.addRecord(new OPTRecord(4096, 0, 0), Section.ADDITIONAL);
    return new DatagramPacket(
        Unpooled.wrappedBuffer(q.toWire()), new InetSocketAddress("127.0.0.1", 53), from);
  }

  @Test
  void aBatchOfLargeAnswersIsSentWholeNotCutAtTheHighWaterMark() throws Exception {
    // each answer is over 1 KB; the mark lets about two wait unflushed
    EmbeddedChannel ch = channel(2048);
    List<InetSocketAddress> clients = new ArrayList<>();
    for (int host = 1; host <= 10; host++) {
      InetSocketAddress from = new InetSocketAddress("127.0.0.1", 40000 + host);
      clients.add(from);
      ch.writeOneInbound(query(host, from)); // one read batch: no read-complete in between
    }
    ch.flushInbound(); // the batch's end
    for (int host = 1; host <= 10; host++) {
      DatagramPacket answer = ch.readOutbound();
      assertThat(answer).as("answer %d", host).isNotNull();
      assertThat(answer.recipient()).isEqualTo(clients.get(host - 1));
      byte[] wire = new byte[answer.content().readableBytes()];
      answer.content().readBytes(wire);
      answer.release();
      Message m = new Message(wire);
      assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
      assertThat(m.getSection(Section.ANSWER).get(0).rdataToString())
          .endsWith(" 192.0.2." + host + "\"");
    }
    assertThat((Object) ch.readOutbound()).isNull();
    assertThat(ch.finish()).isFalse();
  }

  @Test
  void queriesThatCannotBeAnsweredAreReleasedAndDropped() throws Exception {
    EmbeddedChannel ch = channel(65536);
    DatagramPacket runt =
        new DatagramPacket(
            Unpooled.wrappedBuffer(new byte[] {1, 2, 3}),
            new InetSocketAddress("127.0.0.1", 53),
            new InetSocketAddress("127.0.0.1", 40000));
    ch.writeOneInbound(runt);
    ch.flushInbound();
    assertThat((Object) ch.readOutbound()).isNull();
    assertThat(runt.refCnt()).isZero();
    assertThat(ch.isOpen()).isTrue();
  }
}
