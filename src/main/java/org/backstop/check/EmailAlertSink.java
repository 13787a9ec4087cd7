package org.backstop.check;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import org.subethamail.smtp.client.SmartClient;

/**
 * Mails listing changes through an SMTP relay (RFC 5321), one message per checked target, as plain
 * text (RFC 5322). Uses subethasmtp's SMTP client.
 */
public final class EmailAlertSink implements AlertSink {

  private final String relayHost;
  private final int relayPort;
  private final String from;
  private final List<String> to;
  private final String helo;
  private final Clock clock;

  public EmailAlertSink(
      String relayHost, int relayPort, String from, List<String> to, String helo, Clock clock) {
    if (to.isEmpty()) {
      throw new IllegalArgumentException("email alerts need at least one recipient");
    }
    for (String a : to) {
      checkAddress(a);
    }
    checkAddress(from);
    this.relayHost = relayHost;
    this.relayPort = relayPort;
    this.from = from;
    this.to = List.copyOf(to);
    this.helo = helo;
    this.clock = clock;
  }

  private static void checkAddress(String a) {
    if (!a.matches("[^\\s<>@]+@[^\\s<>@]+")) {
      throw new IllegalArgumentException("not a mail address: " + a);
    }
  }

  @Override
  public void send(List<ListingChange> changes) throws Exception {
    if (changes.isEmpty()) {
      return;
    }
    String message = message(changes);
    SmartClient client = SmartClient.createAndConnect(relayHost, relayPort, helo);
    try {
      client.from(from);
      for (String r : to) {
        client.to(r);
      }
      client.dataStart();
      client.dataWrite(message.getBytes(StandardCharsets.UTF_8));
      client.dataEnd();
    } finally {
      client.quit();
    }
  }

  /** The RFC 5322 message for a batch of changes. */
  String message(List<ListingChange> changes) {
    ListingChange first = changes.get(0);
    String subject =
        "Backstop: "
            + (changes.size() == 1
                ? first.summary()
                : first.target() + ": " + changes.size() + " blocklist changes");
    StringBuilder body = new StringBuilder();
    for (ListingChange c : changes) {
      body.append(c.summary()).append("\r\n");
      if (!c.codes().isEmpty()) {
        body.append("  answer: ").append(String.join(", ", c.codes())).append("\r\n");
      }
      if (c.txt() != null) {
        body.append("  TXT: ").append(c.txt()).append("\r\n");
      }
      if (c.removal() != null && c.to() == ListStatus.LISTED) {
        body.append("  removal: ").append(c.removal()).append("\r\n");
      }
    }
    String date =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().atZone(ZoneOffset.UTC));
    return "From: "
        + from
        + "\r\n"
        + "To: "
        + String.join(", ", to)
        + "\r\n"
        + "Subject: "
        + subject.replaceAll("[\\r\\n]", " ")
        + "\r\n"
        + "Date: "
        + date
        + "\r\n"
        + "Message-ID: <"
        + UUID.randomUUID()
        + "@"
        + helo
        + ">\r\n"
        + "Auto-Submitted: auto-generated\r\n"
        + "MIME-Version: 1.0\r\n"
        + "Content-Type: text/plain; charset=UTF-8\r\n"
        + "\r\n"
        + body;
  }
}
