package org.backstop.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.backstop.mail.Batv;
import org.backstop.mail.BatvKeys;
import org.backstop.net.Cidr;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two servers over real sockets: hostile input ends one connection, never the server. */
class ShieldServersIT {
  @TempDir Path dir;
  Shield shield;

  @BeforeEach
  void start() throws Exception {
    ShieldConfig config =
        new ShieldConfig(
            Set.of("example.test"),
            new Batv(BatvKeys.of(List.of("k")), Clock.systemUTC()),
            List.of(Cidr.parse("10.0.0.0/8")),
            Set.of(),
            1,
            0,
            ShieldAction.REJECT,
            65536);
    InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
    shield =
        new Shield(
            config,
            SentLedger.open("jdbc:sqlite:" + dir.resolve("l.db"), null, null, Clock.systemUTC()),
            List.of(),
            name -> new CompletableFuture<>(),
            any,
            any,
            Duration.ofDays(1),
            Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    shield.close();
  }

  private String policy(String request) throws Exception {
    try (Socket s = new Socket()) {
      s.connect(shield.policyAddress(), 2000);
      s.setSoTimeout(10_000);
      s.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
      BufferedReader in =
          new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
      return in.readLine();
    }
  }

  private static final String BOUNCE =
      "request=smtpd_access_policy\nprotocol_state=RCPT\nclient_address=192.0.2.1\nsender=\n"
          + "recipient=alice@example.test\n\n";

  @Test
  void policyServerSurvivesGarbageAndAnswersTheNextClient() throws Exception {
    try (Socket s = new Socket()) {
      s.connect(shield.policyAddress(), 2000);
      OutputStream out = s.getOutputStream();
      out.write(new byte[100_000]); // one endless line of NULs
      StringBuilder many = new StringBuilder();
      for (int i = 0; i < 500; i++) {
        many.append("a").append(i).append("=b\n");
      }
      out.write(many.toString().getBytes(StandardCharsets.US_ASCII));
      out.flush();
      s.setSoTimeout(10_000);
      assertThat(s.getInputStream().read()).as("the server hangs up").isEqualTo(-1);
    }
    assertThat(policy(BOUNCE)).startsWith("action=550 5.7.1 Backscatter rejected");
    assertThat(policy("no equals sign\n\n" + BOUNCE)).startsWith("action=550 5.7.1");
  }

  @Test
  void policyConnectionsArePersistent() throws Exception {
    try (Socket s = new Socket()) {
      s.connect(shield.policyAddress(), 2000);
      s.setSoTimeout(10_000);
      BufferedReader in =
          new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
      for (int i = 0; i < 3; i++) {
        s.getOutputStream().write(BOUNCE.getBytes(StandardCharsets.UTF_8));
        assertThat(in.readLine()).startsWith("action=550");
        assertThat(in.readLine()).isEmpty();
      }
    }
  }

  @Test
  void milterSurvivesABadPacketAndNegotiatesWithTheNextClient() throws Exception {
    try (Socket s = new Socket()) {
      s.connect(shield.milterAddress(), 2000);
      s.setSoTimeout(10_000);
      s.getOutputStream().write(new byte[] {(byte) 0xff, 0, 0, 0, 'O'});
      assertThat(s.getInputStream().read()).isEqualTo(-1);
    }
    try (Socket s = new Socket()) {
      s.connect(shield.milterAddress(), 2000);
      s.setSoTimeout(10_000);
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      MilterProtocol.write(
          out, 'O', ByteBuffer.allocate(12).putInt(6).putInt(0x1ff).putInt(0).array());
      out.flush();
      MilterProtocol.Packet p = MilterProtocol.read(new DataInputStream(s.getInputStream()));
      assertThat(p.command()).isEqualTo('O');
      assertThat(ByteBuffer.wrap(p.data()).getInt()).isEqualTo(6);
    }
  }
}
