package org.backstop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.backstop.listing.EvidenceKind;
import org.backstop.listing.EvidenceSample;
import org.backstop.listing.ListingService;
import org.backstop.net.IpAddress;
import org.backstop.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole blocklist in one process, driven by real clients: swaks delivers backscatter to the
 * trap through XCLIENT (presenting public client addresses), and the listings follow.
 */
class BlocklistEndToEndIT {
  static final String TRAP = "victim@trap.backstop.local";
  static final String ZONE = "bl.backstop.local";
  static final IpAddress BOUNCER = IpAddress.parse("8.8.4.4");
  static final IpAddress CALLER = IpAddress.parse("9.9.9.9");
  static final IpAddress SPAMMER = IpAddress.parse("1.1.1.1");

  @TempDir Path dir;
  MutableClock clock;
  BackstopServer server;

  @BeforeAll
  static void tools() {
    Processes.require("swaks", "swaks");
    Processes.require("dig", "dnsutils");
  }

  @BeforeEach
  void start() throws Exception {
    clock = new MutableClock(Instant.now());
    SettingsBuilder b = new SettingsBuilder();
    b.data = dir.resolve("data");
    b.dns = HostPort.parse("127.0.0.1:0");
    b.smtp = HostPort.parse("127.0.0.1:0");
    b.http = HostPort.parse("127.0.0.1:0");
    b.publishPoll = Duration.ofSeconds(1);
    b.expiryInterval = Duration.ofMillis(500);
    server = new BackstopServer(b.build(), clock).start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Processes.Result swaks(String client, String to, String... more) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "swaks",
                "--server",
                "127.0.0.1:" + server.smtpPort(),
                "--xclient-addr",
                client,
                "--helo",
                "mx.sender.example",
                "--to",
                to));
    cmd.addAll(List.of(more));
    return Processes.run(cmd, dir);
  }

  /** Asks the zone with dig over UDP; returns dig's whole answer. */
  private String dig(IpAddress ip, String type) throws Exception {
    String name = ip == null ? ZONE : ip.reversedName() + "." + ZONE;
    Processes.Result r =
        Processes.run(
            List.of(
                "dig",
                "@127.0.0.1",
                "-p",
                String.valueOf(server.dnsAddress().getPort()),
                "+time=2",
                "+tries=1",
                "+norecurse",
                name,
                type),
            dir);
    return r.out();
  }

  private boolean answers(IpAddress ip, String expected) {
    try {
      String out = dig(ip, "A");
      return out.contains("status: NOERROR") && out.contains(expected);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private boolean nxdomain(IpAddress ip) {
    try {
      return dig(ip, "A").contains("status: NXDOMAIN");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private long serial() throws Exception {
    String out = dig(null, "SOA");
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("IN\\s+SOA\\s+\\S+\\s+\\S+\\s+(\\d+)").matcher(out);
    assertThat(m.find()).as(out).isTrue();
    return Long.parseLong(m.group(1));
  }

  private Path fixture(String name) throws Exception {
    Path p = dir.resolve(name);
    try (var in = getClass().getResourceAsStream("/org/backstop/listing/" + name)) {
      Files.write(p, in.readAllBytes());
    }
    return p;
  }

  private static void within(Duration d, String what, BooleanSupplier done)
      throws InterruptedException {
    long deadline = System.nanoTime() + d.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + d + ": " + what);
      }
      Thread.sleep(50); // polling a real server for an outcome, with a deadline
    }
  }

  @Test
  void backscatterAndCalloutsListSpamDoesNotAndListingsExpire() throws Exception {
    ListingService listings = server.listings();

    // 1. A DSN from the null sender lists the address that delivered it.
    Processes.Result dsn =
        swaks(BOUNCER.toString(), TRAP, "--from", "<>", "--data", "@" + fixture("dsn.eml"));
    assertThat(dsn.exit()).as(dsn.out()).isZero();
    within(Duration.ofSeconds(5), "the bouncer is listed", () -> listings.lookup(BOUNCER).listed());
    assertThat(listings.lookup(BOUNCER).evidence())
        .extracting(EvidenceSample::kind)
        .containsExactly(EvidenceKind.BOUNCE);

    // 2. A sender callout (null sender, RCPT to a trap, QUIT before DATA) lists its address.
    Processes.Result callout =
        swaks(CALLER.toString(), TRAP, "--from", "<>", "--quit-after", "RCPT");
    assertThat(callout.exit()).as(callout.out()).isZero();
    within(
        Duration.ofSeconds(5),
        "dig answers 127.0.0.2 for the caller",
        () -> answers(CALLER, "127.0.0.2"));
    assertThat(listings.lookup(CALLER).evidence().get(0).kind()).isEqualTo(EvidenceKind.CALLOUT);

    // 3. Plain spam to a trap is recorded but does not list.
    Processes.Result spam =
        swaks(
            SPAMMER.toString(),
            TRAP,
            "--from",
            "deals@spammer.example",
            "--data",
            "@" + fixture("spam.eml"));
    assertThat(spam.exit()).as(spam.out()).isZero();
    within(
        Duration.ofSeconds(5),
        "the spam is recorded",
        () -> !listings.lookup(SPAMMER).evidence().isEmpty());
    assertThat(listings.lookup(SPAMMER).listed()).isFalse();
    server.publisher().publish();
    assertThat(nxdomain(SPAMMER)).isTrue();
    assertThat(listings.lookup(SPAMMER).evidence().get(0).kind()).isEqualTo(EvidenceKind.SPAM);

    // 4. A recipient outside the trap domains is refused: the trap is never a relay.
    Processes.Result relay = swaks("8.8.8.8", "someone@elsewhere.example", "--from", "<>");
    assertThat(relay.exit()).isNotZero();
    assertThat(relay.out()).containsPattern("<\\*\\* 5\\d\\d");

    // 5. Twenty-eight days later with no new report, the scheduled expiry ends the listings and
    //    the first address answers NXDOMAIN.
    clock.advance(Duration.ofDays(28).plusMinutes(1));
    within(Duration.ofSeconds(5), "the bouncer answers NXDOMAIN", () -> nxdomain(BOUNCER));
    assertThat(nxdomain(CALLER)).isTrue();
    assertThat(listings.lookup(BOUNCER).listed()).isFalse();
    assertThat(listings.lookup(BOUNCER).history().get(0).event()).isEqualTo("expired");
  }
}
