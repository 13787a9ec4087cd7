package org.backstop.trap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.backstop.net.Cidr;
import org.backstop.net.IpAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trap on a real socket, driven by swaks and by raw sockets for PROXY headers. */
class TrapServerIT {
  @TempDir Path tmp;
  private TrapServer server;
  private final RecordingSink sink = new RecordingSink();

  /** A delivery status notification (RFC 3464) such as backscatter brings to a trap. */
  static final String DSN =
      String.join(
          "\r\n",
          "From: Mail Delivery System <MAILER-DAEMON@mx.victim.example>",
          "To: trap1@trap.example",
          "Subject: Undelivered Mail Returned to Sender",
          "MIME-Version: 1.0",
          "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b1\"",
          "",
          "--b1",
          "Content-Type: text/plain",
          "",
          "I'm sorry to have to inform you that your message could not be delivered.",
          "--b1",
          "Content-Type: message/delivery-status",
          "",
          "Reporting-MTA: dns; mx.victim.example",
          "",
          "Final-Recipient: rfc822; nobody@victim.example",
          "Action: failed",
          "Status: 5.1.1",
          "--b1--",
          "");

  private TrapServer start(UnaryOperator<TrapConfig.Builder> tweak) throws IOException {
    return start(tweak, sink);
  }

  private TrapServer start(UnaryOperator<TrapConfig.Builder> tweak, TrapSink s) throws IOException {
    TrapConfig.Builder b =
        TrapConfig.builder(tmp.resolve("spool"))
            .listen(new InetSocketAddress("127.0.0.1", 0))
            .hostname("trap.test")
            .trapDomains(List.of("trap.example"))
            .shutdownGrace(Duration.ofMillis(200))
            .retryInterval(Duration.ofMillis(200));
    server = new TrapServer(tweak.apply(b).build(), s, Clock.systemUTC()).start();
    return server;
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private Path file(String name, String content) throws IOException {
    return Files.writeString(tmp.resolve(name), content);
  }

  private List<String> spoolFiles() throws IOException {
    try (Stream<Path> s = Files.list(tmp.resolve("spool"))) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void dsnDeliveredThroughXclientIsRecordedWithThePresentedClient() throws Exception {
    start(b -> b);
    Swaks.Result r =
        Swaks.run(
            server.port(),
            "--from",
            "<>",
            "--to",
            "trap1@trap.example",
            "--ehlo",
            "front-end.test",
            "--xclient-addr",
            "192.0.2.7",
            "--xclient-name",
            "mx.victim.example",
            "--xclient-helo",
            "mx.victim.example",
            "--data",
            "@" + file("dsn.eml", DSN));
    assertThat(r.exit()).as(r.output()).isZero();
    assertThat(r.output()).contains("XCLIENT NAME ADDR").contains("250 2.0.0 Ok: queued as");
    RecordingSink.Received got = sink.next();
    TrapDelivery d = got.delivery();
    assertThat(d.client()).isEqualTo(IpAddress.parse("192.0.2.7"));
    assertThat(d.helo()).isEqualTo("mx.victim.example");
    assertThat(d.mailFrom()).isEmpty();
    assertThat(d.recipients()).containsExactly("trap1@trap.example");
    assertThat(d.callout()).isFalse();
    assertThat(got.text()).contains("Status: 5.1.1").contains("report-type=delivery-status");
    assertThat(server.awaitHandedOver(Duration.ofSeconds(10))).isTrue();
  }

  @Test
  void withoutXclientTheTransportClientAndEhloAreRecorded() throws Exception {
    start(b -> b);
    Swaks.Result r =
        Swaks.run(
            server.port(),
            "--from",
            "bounce@x.example",
            "--to",
            "a@TRAP.example",
            "--ehlo",
            "client.test");
    assertThat(r.exit()).as(r.output()).isZero();
    TrapDelivery d = sink.next().delivery();
    assertThat(d.client()).isEqualTo(IpAddress.parse("127.0.0.1"));
    assertThat(d.helo()).isEqualTo("client.test");
    assertThat(d.mailFrom()).isEqualTo("bounce@x.example");
  }

  @Test
  void xclientFromAnUntrustedPeerIsRefused() throws Exception {
    start(b -> b.trustedNetworks(List.of(Cidr.parse("192.0.2.0/24"))));
    Swaks.Result r =
        Swaks.run(
            server.port(),
            "--from",
            "<>",
            "--to",
            "trap1@trap.example",
            "--xclient",
            "ADDR=198.51.100.1");
    // swaks sends XCLIENT only where it is announced, and it is not announced to this peer...
    assertThat(r.exit()).as(r.output()).isNotZero();
    assertThat(r.output()).contains("Host did not advertise XCLIENT").doesNotContain("250-XCLIENT");
    // ...and a client that sends it anyway is refused and keeps its own address.
    try (SmtpTestClient c = new SmtpTestClient(server.port())) {
      c.reply();
      c.command("EHLO forger.test");
      assertThat(c.command("XCLIENT ADDR=198.51.100.1"))
          .startsWith("550 5.7.0 Insufficient XCLIENT authorization");
    }
    // Without the forged address, the same client still delivers as itself.
    Swaks.Result plain = Swaks.run(server.port(), "--from", "<>", "--to", "trap1@trap.example");
    assertThat(plain.exit()).as(plain.output()).isZero();
    assertThat(sink.next().delivery().client()).isEqualTo(IpAddress.parse("127.0.0.1"));
  }

  @Test
  void malformedXclientGets501AndChangesNothing() throws Exception {
    start(b -> b);
    try (SmtpTestClient c = new SmtpTestClient(server.port())) {
      SmtpTestClient.expect(c.reply(), "220");
      SmtpTestClient.expect(c.command("EHLO t"), "250");
      assertThat(c.command("XCLIENT ADDR=999.1.1.1")).startsWith("501 5.5.4");
      assertThat(c.command("XCLIENT FOO=bar")).startsWith("501 5.5.4");
      SmtpTestClient.expect(c.command("MAIL FROM:<>"), "250");
      assertThat(c.command("XCLIENT ADDR=192.0.2.1")).startsWith("503");
    }
  }

  @Test
  void foreignRecipientIsRefusedSoTheTrapIsNoRelay() throws Exception {
    start(b -> b);
    Swaks.Result r =
        Swaks.run(server.port(), "--from", "spammer@x.example", "--to", "victim@elsewhere.example");
    assertThat(r.exit()).as(r.output()).isNotZero();
    assertThat(r.output()).contains("550 5.7.1 <victim@elsewhere.example>: Relay access denied");
    assertThat(server.stats().refusedRecipients()).isEqualTo(1);
    assertThat(server.stats().messages()).isZero();
    assertThat(spoolFiles()).isEmpty();
  }

  @Test
  void oversizeMessageIsRefusedAndSizeIsAdvertised() throws Exception {
    start(b -> b.maxMessageBytes(10_000));
    String big = "Subject: big\r\n\r\n" + ("x".repeat(99) + "\r\n").repeat(200);
    Swaks.Result r =
        Swaks.run(
            server.port(),
            "--from",
            "<>",
            "--to",
            "trap1@trap.example",
            "--data",
            "@" + file("big.eml", big));
    assertThat(r.exit()).as(r.output()).isNotZero();
    assertThat(r.output()).contains("250-SIZE 10000").contains("552 5.3.4");
    assertThat(server.stats().oversize()).isEqualTo(1);
    assertThat(spoolFiles()).isEmpty();
    // The session stays in step: a declared SIZE over the limit is refused at MAIL.
    try (SmtpTestClient c = new SmtpTestClient(server.port())) {
      c.reply();
      c.command("EHLO t");
      assertThat(c.command("MAIL FROM:<> SIZE=20000")).startsWith("552");
    }
  }

  @Test
  void senderCalloutEndingWithQuitIsHandedOverWithoutAMessage() throws Exception {
    start(b -> b);
    Swaks.Result r =
        Swaks.run(
            server.port(),
            "--from",
            "<>",
            "--to",
            "trap9@trap.example",
            "--xclient-addr",
            "203.0.113.50",
            "--quit-after",
            "RCPT");
    assertThat(r.exit()).as(r.output()).isZero();
    TrapDelivery d = sink.next().delivery();
    assertThat(d.callout()).isTrue();
    assertThat(d.message()).isNull();
    assertThat(d.client()).isEqualTo(IpAddress.parse("203.0.113.50"));
    assertThat(d.recipients()).containsExactly("trap9@trap.example");
  }

  @Test
  void senderCalloutEndingWithRsetIsDetectedAndOtherEndingsAreNot() throws Exception {
    start(b -> b);
    try (SmtpTestClient c = new SmtpTestClient(server.port())) {
      c.reply();
      c.command("EHLO verifier.test");
      // A null sender and a trap recipient, then RSET: a callout.
      SmtpTestClient.expect(c.command("MAIL FROM:<>"), "250");
      SmtpTestClient.expect(c.command("RCPT TO:<t1@trap.example>"), "250");
      SmtpTestClient.expect(c.command("RSET"), "250");
      // A real sender then RSET: not a callout.
      SmtpTestClient.expect(c.command("MAIL FROM:<someone@x.example>"), "250");
      SmtpTestClient.expect(c.command("RCPT TO:<t2@trap.example>"), "250");
      SmtpTestClient.expect(c.command("RSET"), "250");
      // A null sender whose only recipient was refused: not a callout.
      SmtpTestClient.expect(c.command("MAIL FROM:<>"), "250");
      SmtpTestClient.expect(c.command("RCPT TO:<v@elsewhere.example>"), "550");
      SmtpTestClient.expect(c.command("RSET"), "250");
      // A null sender that went on to DATA: a message, not a callout.
      SmtpTestClient.expect(c.deliver("", "t3@trap.example", "Subject: dsn\r\n\r\nx"), "250");
      SmtpTestClient.expect(c.command("QUIT"), "221");
    }
    TrapDelivery first = sink.next().delivery();
    TrapDelivery second = sink.next().delivery();
    assertThat(List.of(first, second))
        .extracting(TrapDelivery::callout, d -> d.recipients().get(0))
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(true, "t1@trap.example"),
            org.assertj.core.groups.Tuple.tuple(false, "t3@trap.example"));
    assertThat(server.awaitHandedOver(Duration.ofSeconds(10))).isTrue();
    assertThat(server.stats().callouts()).isEqualTo(1);
    assertThat(sink.drained()).isEmpty();
  }

  @Test
  void pipelinedCommandsAreAnsweredInOrder() throws Exception {
    start(b -> b);
    try (SmtpTestClient c = new SmtpTestClient(server.port())) {
      c.reply();
      assertThat(c.command("EHLO mta.test")).contains("250-PIPELINING");
      // RFC 2920: MAIL, RCPT and DATA in one write; then the message after the 354.
      c.raw(
          "MAIL FROM:<>\r\nRCPT TO:<p1@trap.example>\r\nRCPT TO:<x@elsewhere.example>\r\nDATA\r\n"
              .getBytes(StandardCharsets.US_ASCII));
      SmtpTestClient.expect(c.reply(), "250");
      SmtpTestClient.expect(c.reply(), "250");
      SmtpTestClient.expect(c.reply(), "550");
      SmtpTestClient.expect(c.reply(), "354");
      c.raw("Subject: p\r\n\r\nbody\r\n.\r\nQUIT\r\n".getBytes(StandardCharsets.US_ASCII));
      SmtpTestClient.expect(c.reply(), "250");
      SmtpTestClient.expect(c.reply(), "221");
    }
    RecordingSink.Received got = sink.next();
    assertThat(got.delivery().recipients()).containsExactly("p1@trap.example");
    assertThat(got.text()).isEqualTo("Subject: p\r\n\r\nbody\r\n");
  }

  /** Delivers one bounce after a PROXY header from a trusted peer; the client the trap saw. */
  private IpAddress clientBehindProxy(byte[] header) throws Exception {
    start(b -> b.proxyProtocol(true));
    try (SmtpTestClient c = new SmtpTestClient(server.port())) {
      c.raw(header);
      SmtpTestClient.expect(c.reply(), "220");
      SmtpTestClient.expect(c.command("EHLO lb.test"), "250");
      SmtpTestClient.expect(c.deliver("", "t@trap.example", "Subject: p\r\n\r\nx"), "250");
    }
    return sink.next().delivery().client();
  }

  @Test
  void proxyV1HeaderFromATrustedPeerSetsTheClient() throws Exception {
    byte[] v1 =
        "PROXY TCP4 198.51.100.77 127.0.0.1 51000 25\r\n".getBytes(StandardCharsets.US_ASCII);
    assertThat(clientBehindProxy(v1)).isEqualTo(IpAddress.parse("198.51.100.77"));
  }

  @Test
  void proxyV2HeaderFromATrustedPeerSetsTheClient() throws Exception {
    assertThat(clientBehindProxy(ProxyHeaderTest.v2Tcp4("203.0.113.200", 40001)))
        .isEqualTo(IpAddress.parse("203.0.113.200"));
  }

  @Test
  void swaksProxyV2IsUnderstoodToo() throws Exception {
    start(b -> b.proxyProtocol(true));
    Swaks.Result r =
        Swaks.run(
            server.port(),
            "--from",
            "<>",
            "--to",
            "t@trap.example",
            "--proxy-version",
            "2",
            "--proxy-family",
            "AF_INET",
            "--proxy-source",
            "192.0.2.99",
            "--proxy-source-port",
            "1234",
            "--proxy-dest",
            "127.0.0.1",
            "--proxy-dest-port",
            "25");
    assertThat(r.exit()).as(r.output()).isZero();
    assertThat(sink.next().delivery().client()).isEqualTo(IpAddress.parse("192.0.2.99"));
  }

  @Test
  void proxyHeaderFromAnUntrustedPeerIsNotBelieved() throws Exception {
    start(b -> b.proxyProtocol(true).trustedNetworks(List.of(Cidr.parse("192.0.2.0/24"))));
    try (SmtpTestClient c = new SmtpTestClient(server.port())) {
      SmtpTestClient.expect(c.reply(), "220"); // untrusted peers are greeted at once
      assertThat(c.command("PROXY TCP4 198.51.100.77 127.0.0.1 51000 25")).startsWith("500");
      SmtpTestClient.expect(c.command("EHLO x"), "250");
      SmtpTestClient.expect(c.deliver("", "t@trap.example", "Subject: s\r\n\r\nx"), "250");
    }
    assertThat(sink.next().delivery().client()).isEqualTo(IpAddress.parse("127.0.0.1"));
  }

  @Test
  void aBadProxyHeaderFromATrustedPeerIsAnsweredAndClosed() throws Exception {
    start(b -> b.proxyProtocol(true));
    try (SmtpTestClient c = new SmtpTestClient(server.port())) {
      c.send("EHLO not-a-proxy-header");
      assertThat(c.reply()).startsWith("421 4.7.0");
      assertThat(c.reply()).isNull();
    }
  }

  @Test
  void theSpoolIsDurableBefore250AndHandedOverAfter() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch entered = new CountDownLatch(1);
    RecordingSink blocking =
        new RecordingSink() {
          @Override
          public void accept(TrapDelivery d) throws Exception {
            entered.countDown();
            release.await();
            super.accept(d);
          }
        };
    start(b -> b.sinkThreads(1), blocking);
    Swaks.Result r = Swaks.run(server.port(), "--from", "<>", "--to", "t@trap.example");
    assertThat(r.exit()).as(r.output()).isZero();
    String id = r.output().replaceAll("(?s).*queued as (\\S+).*", "$1");
    // 250 came while the sink is still blocked: the message was already on disk.
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(spoolFiles()).containsExactly("0000000000000001.log");
    assertThat(
            Files.readString(
                tmp.resolve("spool/0000000000000001.log"), StandardCharsets.ISO_8859_1))
        .contains(id);
    release.countDown();
    assertThat(blocking.next().delivery().id()).isEqualTo(id);
    assertThat(server.awaitHandedOver(Duration.ofSeconds(10))).isTrue();
    assertThat(spoolFiles()).as("a drained spool is deleted").isEmpty();
  }

  @Test
  void theSpoolIsFsyncedBeforeTheClientHears250() throws Exception {
    SmtpTestClient[] client = new SmtpTestClient[1];
    List<String> events = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    TrapConfig config =
        TrapConfig.builder(tmp.resolve("spool"))
            .listen(new InetSocketAddress("127.0.0.1", 0))
            .trapDomains(List.of("trap.example"))
            .build();
    server =
        new TrapServer(
                config,
                sink,
                Clock.systemUTC(),
                new Spool.Fsyncs() {
                  @Override
                  void directory(Path dir) throws IOException {
                    events.add("directory fsync");
                    super.directory(dir);
                  }

                  @Override
                  void segment(FileChannel segment) throws IOException {
                    // Had the server answered already, the reply would be waiting here.
                    events.add(
                        "segment fsync, reply bytes waiting: "
                            + client[0].socket.getInputStream().available());
                    super.segment(segment);
                  }
                })
            .start();
    try (SmtpTestClient c = new SmtpTestClient(server.port())) {
      client[0] = c;
      c.reply();
      c.command("HELO t");
      String reply = c.deliver("", "t@trap.example", "Subject: s\r\n\r\nx");
      events.add("reply " + reply.substring(0, 3));
    }
    assertThat(events)
        .containsExactly("directory fsync", "segment fsync, reply bytes waiting: 0", "reply 250");
  }

  @Test
  void aRefusingSinkKeepsTheMailAndGetsItAgain() throws Exception {
    java.util.concurrent.atomic.AtomicInteger calls =
        new java.util.concurrent.atomic.AtomicInteger();
    RecordingSink flaky =
        new RecordingSink() {
          @Override
          public void accept(TrapDelivery d) throws Exception {
            if (calls.incrementAndGet() == 1) {
              throw new IllegalStateException("database down");
            }
            super.accept(d);
          }
        };
    start(b -> b, flaky);
    Swaks.Result r = Swaks.run(server.port(), "--from", "<>", "--to", "t@trap.example");
    assertThat(r.exit()).as(r.output()).isZero();
    assertThat(flaky.next().delivery().recipients()).containsExactly("t@trap.example");
    assertThat(calls.get()).isEqualTo(2);
    assertThat(server.stats().sinkFailures()).isEqualTo(1);
  }

  @Test
  void mailLeftInTheSpoolIsReplayedOnStart() throws Exception {
    start(
        b -> b,
        d -> {
          throw new IllegalStateException("sink down for the whole run");
        });
    Swaks.Result r = Swaks.run(server.port(), "--from", "<>", "--to", "t@trap.example");
    assertThat(r.exit()).as(r.output()).isZero();
    server.close();
    assertThat(spoolFiles()).filteredOn(n -> n.endsWith(Spool.SEGMENT)).hasSize(1);
    start(b -> b);
    assertThat(sink.next().delivery().recipients()).containsExactly("t@trap.example");
  }

  @Test
  void tooManyRecipientsGet452() throws Exception {
    start(b -> b.maxRecipients(2));
    try (SmtpTestClient c = new SmtpTestClient(server.port())) {
      c.reply();
      c.command("HELO t");
      c.command("MAIL FROM:<>");
      SmtpTestClient.expect(c.command("RCPT TO:<a@trap.example>"), "250");
      SmtpTestClient.expect(c.command("RCPT TO:<b@trap.example>"), "250");
      SmtpTestClient.expect(c.command("RCPT TO:<c@trap.example>"), "452");
    }
  }

  @Test
  void connectionsPerAddressAreLimited() throws Exception {
    start(b -> b.maxConnectionsPerIp(1).trustedNetworks(List.of()));
    try (SmtpTestClient first = new SmtpTestClient(server.port())) {
      SmtpTestClient.expect(first.reply(), "220");
      try (SmtpTestClient second = new SmtpTestClient(server.port())) {
        assertThat(second.reply()).startsWith("421 4.7.0 Too many connections");
      }
    }
  }

  @Test
  void anIdleClientIsDisconnected() throws Exception {
    start(b -> b.idleTimeout(Duration.ofMillis(500)));
    try (SmtpTestClient c = new SmtpTestClient(server.port())) {
      SmtpTestClient.expect(c.reply(), "220");
      assertThat(c.reply()).startsWith("421");
      assertThat(c.reply()).isNull();
    }
  }

  @Test
  void aSessionThatDripsForeverIsClosedAtTheSessionTimeLimit() throws Exception {
    start(b -> b.idleTimeout(Duration.ofMinutes(1)).maxSessionTime(Duration.ofMillis(600)));
    try (SmtpTestClient c = new SmtpTestClient(server.port())) {
      SmtpTestClient.expect(c.reply(), "220");
      SmtpTestClient.expect(c.command("NOOP"), "250");
      assertThat(c.reply()).as("closed well before the idle timeout").isNull();
    }
  }

  @Test
  void badInputGetsCleanErrorsAndTheServerKeepsServing() throws Exception {
    start(b -> b);
    try (SmtpTestClient c = new SmtpTestClient(server.port())) {
      c.reply();
      assertThat(c.command("FROB")).startsWith("500");
      assertThat(c.command("EHLO")).startsWith("501");
      assertThat(c.command("RCPT TO:<a@trap.example>")).startsWith("503");
      assertThat(c.command("DATA")).startsWith("503");
      assertThat(c.command("BDAT 10 LAST")).startsWith("502");
      assertThat(c.command("MAIL FROM:<bad sender>")).startsWith("553");
      assertThat(c.command("X".repeat(2000))).startsWith("501");
    }
    try (SmtpTestClient c = new SmtpTestClient(server.port())) {
      c.reply();
      c.raw("HELO a\nb\r\n".getBytes(StandardCharsets.US_ASCII));
      assertThat(c.reply()).startsWith("501");
    }
    Swaks.Result r = Swaks.run(server.port(), "--from", "<>", "--to", "t@trap.example");
    assertThat(r.exit()).as(r.output()).isZero();
  }

  @Test
  void stoppingRefusesNewSessionsAndKeepsSpooledMail() throws Exception {
    start(b -> b);
    int port = server.port();
    server.close();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SmtpTestClient(port).close())
        .isInstanceOf(IOException.class);
  }
}
