package org.backstop.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.backstop.mail.Batv;
import org.backstop.mail.BatvKeys;
import org.backstop.mail.BounceAnalyzer;
import org.backstop.net.Cidr;
import org.backstop.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives a milter session with the packets Postfix sends and reads back its replies. */
class MilterSessionTest {
  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
  private final Batv batv = new Batv(BatvKeys.of(List.of("s3cret")), clock);
  private SentLedger ledger;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ShieldMetrics metrics = new ShieldMetrics(registry);

  @BeforeEach
  void open() {
    ledger = SentLedger.open("jdbc:sqlite:" + dir.resolve("l.db"), null, null, clock);
  }

  @AfterEach
  void close() {
    ledger.close();
  }

  /** What an MTA sends: a list of packets. */
  static final class Mta {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final DataOutputStream out = new DataOutputStream(bytes);

    Mta send(char cmd, byte[] data) throws IOException {
      MilterProtocol.write(out, cmd, data);
      return this;
    }

    Mta send(char cmd, String... strings) throws IOException {
      return send(cmd, MilterProtocol.cstrings(strings));
    }

    Mta optneg() throws IOException {
      return send('O', ByteBuffer.allocate(12).putInt(6).putInt(0x1ff).putInt(0x1fffff).array());
    }

    Mta connect(String ip) throws IOException {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      b.writeBytes("client.test\0".getBytes(StandardCharsets.US_ASCII));
      b.write('4');
      b.write(0x30);
      b.write(0x39);
      b.writeBytes((ip + "\0").getBytes(StandardCharsets.US_ASCII));
      return send('C', b.toByteArray());
    }

    Mta message(String from, String to, String headersAndBody) throws IOException {
      send('M', "<" + from + ">", "SIZE=100");
      send('R', "<" + to + ">");
      send('T', new byte[0]);
      String[] parts = headersAndBody.split("\n\n", 2);
      for (String h : parts[0].split("\n")) {
        int c = h.indexOf(':');
        send('L', h.substring(0, c), h.substring(c + 1).strip());
      }
      send('N', new byte[0]);
      send('B', parts.length > 1 ? parts[1].getBytes(StandardCharsets.UTF_8) : new byte[0]);
      return send('E', new byte[0]);
    }
  }

  private ShieldConfig config(ShieldAction action) {
    return new ShieldConfig(
        Set.of("example.test"),
        batv,
        List.of(Cidr.parse("10.0.0.0/8")),
        Set.of(),
        1,
        0,
        action,
        65536);
  }

  private List<MilterProtocol.Packet> run(ShieldAction action, Mta mta) throws IOException {
    ShieldConfig c = config(action);
    ByteArrayOutputStream replies = new ByteArrayOutputStream();
    new MilterSession(
            c,
            ledger,
            new BackscatterJudge(c, ledger, new BounceAnalyzer()),
            clock,
            metrics,
            new DataInputStream(new ByteArrayInputStream(mta.bytes.toByteArray())),
            new DataOutputStream(replies))
        .run();
    List<MilterProtocol.Packet> out = new ArrayList<>();
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(replies.toByteArray()));
    try {
      while (true) {
        out.add(MilterProtocol.read(in));
      }
    } catch (EOFException end) {
      return out;
    }
  }

  private static String commands(List<MilterProtocol.Packet> ps) {
    StringBuilder sb = new StringBuilder();
    ps.forEach(p -> sb.append(p.command()));
    return sb.toString();
  }

  private static String text(MilterProtocol.Packet p) {
    return String.join("|", MilterProtocol.strings(p.data(), 0));
  }

  @Test
  void negotiatesVersion6AndOnlyTheActionsItUses() throws IOException {
    List<MilterProtocol.Packet> r = run(ShieldAction.REJECT, new Mta().optneg());
    ByteBuffer b = ByteBuffer.wrap(r.get(0).data());
    assertThat(r.get(0).command()).isEqualTo('O');
    assertThat(b.getInt()).isEqualTo(6);
    assertThat(b.getInt()).isEqualTo(0x01 | 0x20 | 0x40);
    assertThat(b.getInt()).isZero();
  }

  @Test
  void outboundMailIsLedgeredAndItsSenderSigned() throws IOException {
    Mta mta =
        new Mta()
            .optneg()
            .connect("10.1.2.3")
            .message(
                "alice@example.test",
                "bob@remote.test",
                "Message-ID: <m1@example.test>\nSubject: hi\n\nbody\n");
    List<MilterProtocol.Packet> r = run(ShieldAction.REJECT, mta);
    // optneg; connect, mail, rcpt, data, 2 headers, eoh, body: continue; then chgfrom, continue
    assertThat(commands(r)).isEqualTo("Occccccccec");
    assertThat(text(r.get(9))).isEqualTo("<" + batv.sign("alice@example.test") + ">");
    assertThat(ledger.contains("m1@example.test")).isTrue();
  }

  @Test
  void outboundMailWithoutMessageIdIsGivenOne() throws IOException {
    Mta mta =
        new Mta()
            .connect("10.1.2.3")
            .send('D', "Cj\0mx.example.test\0".getBytes(StandardCharsets.US_ASCII))
            .message("carol@unsigned.test", "bob@remote.test", "Subject: hi\n\nbody\n");
    List<MilterProtocol.Packet> r = run(ShieldAction.REJECT, mta);
    MilterProtocol.Packet add =
        r.stream().filter(p -> p.command() == 'h').findFirst().orElseThrow();
    String id = MilterProtocol.strings(add.data(), 0).get(1);
    assertThat(id).startsWith("<").endsWith("@mx.example.test>");
    assertThat(ledger.contains(id)).isTrue();
    assertThat(commands(r)).doesNotContain("e");
  }

  private static final String FORGED_DSN =
      "From: MAILER-DAEMON@remote.test\nSubject: Undelivered\n"
          + "Content-Type: multipart/report; report-type=delivery-status; boundary=B\n\n"
          + "--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.remote.test\n\n"
          + "Final-Recipient: rfc822; x@remote.test\nAction: failed\nStatus: 5.1.1\n\n"
          + "--B\nContent-Type: text/rfc822-headers\n\nMessage-ID: <%s>\nFrom: alice@example.test\n\n--B--\n";

  @Test
  void aForgedBounceIsRejectedWithTheReason() throws IOException {
    Mta mta =
        new Mta()
            .connect("192.0.2.7")
            .message("", "bob@other.test", FORGED_DSN.formatted("spam@botnet.test"));
    List<MilterProtocol.Packet> r = run(ShieldAction.REJECT, mta);
    MilterProtocol.Packet last = r.get(r.size() - 1);
    assertThat(last.command()).isEqualTo('y');
    assertThat(
            registry
                .counter(
                    "backstop_filter_milter_verdicts", "verdict", "backscatter", "action", "reject")
                .count())
        .isEqualTo(1.0);
    assertThat(text(last))
        .startsWith("550 5.7.1 Backscatter rejected: ")
        .contains("<spam@botnet.test>");
  }

  @Test
  void aBounceOfMailWeSentIsAcceptedWithHeaders() throws IOException {
    ledger.record(
        new SentMessage(
            "ours@example.test", "bob@other.test", List.of("x@remote.test"), clock.instant()));
    Mta mta =
        new Mta()
            .connect("192.0.2.7")
            .message("", "bob@other.test", FORGED_DSN.formatted("ours@example.test"));
    List<MilterProtocol.Packet> r = run(ShieldAction.REJECT, mta);
    assertThat(commands(r)).endsWith("hhhc");
    assertThat(text(r.get(r.size() - 4))).isEqualTo("X-Backstop-Verdict|legitimate");
  }

  @Test
  void aBounceToOurValidTagIsLegitimateEvenWithoutAMessageId() throws IOException {
    Mta mta =
        new Mta()
            .connect("192.0.2.7")
            .message("", batv.sign("alice@example.test"), "Subject: x\n\nno quote\n");
    List<MilterProtocol.Packet> r = run(ShieldAction.REJECT, mta);
    assertThat(text(r.get(r.size() - 4))).isEqualTo("X-Backstop-Verdict|legitimate");
  }

  @Test
  void otherActionsQuarantineOrMarkInsteadOfRejecting() throws IOException {
    String dsn = FORGED_DSN.formatted("spam@botnet.test");
    List<MilterProtocol.Packet> q =
        run(
            ShieldAction.QUARANTINE,
            new Mta().connect("192.0.2.7").message("", "b@other.test", dsn));
    assertThat(commands(q)).endsWith("qhhhc");
    List<MilterProtocol.Packet> h =
        run(ShieldAction.HEADER, new Mta().connect("192.0.2.7").message("", "b@other.test", dsn));
    assertThat(commands(h)).endsWith("hhhc");
    assertThat(text(h.get(h.size() - 4))).isEqualTo("X-Backstop-Verdict|backscatter");
    List<MilterProtocol.Packet> a =
        run(ShieldAction.ACCEPT, new Mta().connect("192.0.2.7").message("", "b@other.test", dsn));
    assertThat(commands(a)).doesNotContain("h").endsWith("cc");
  }

  @Test
  void ordinaryInboundMailIsUntouched() throws IOException {
    Mta mta =
        new Mta()
            .connect("192.0.2.7")
            .message("carol@x.test", "bob@example.test", "Subject: hi\n\nhello\n");
    assertThat(commands(run(ShieldAction.REJECT, mta))).matches("c+");
  }

  @Test
  void aBadPacketLengthEndsTheSessionWithAnError() {
    Mta mta = new Mta();
    mta.bytes.writeBytes(new byte[] {0x7f, 0, 0, 0, 'O'});
    assertThatThrownBy(() -> run(ShieldAction.REJECT, mta))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("out of range");
  }

  @Test
  void abortDiscardsTheMessageAndQuitEndsTheSession() throws IOException {
    Mta mta = new Mta().connect("10.0.0.1");
    mta.send('M', "<alice@example.test>")
        .send('A', new byte[0])
        .send('Q', new byte[0])
        .send('M', "<x@y.test>");
    assertThat(commands(run(ShieldAction.REJECT, mta))).isEqualTo("cc");
  }
}
