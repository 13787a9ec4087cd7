package org.backstop.mail;

import java.nio.charset.StandardCharsets;

/**
 * Runs one small bounce through the analyzer when the first analyzer is built, so that class
 * loading and table set-up are not charged to the first real message's time limit.
 */
final class Warmup {
  private static volatile boolean done;

  private Warmup() {}

  static void once(BounceAnalyzer analyzer) {
    if (done) {
      return;
    }
    done = true;
    String m =
        "From: MAILER-DAEMON@example.org\nTo: a@example.com\nSubject: Undelivered Mail\n"
            + "Content-Type: multipart/report; report-type=delivery-status; boundary=b\n\n"
            + "--b\nContent-Type: text/plain\n\n<b@example.net>: host mx.example.net said: 550 5.1.1"
            + " User unknown (in reply to RCPT TO command)\n--b\nContent-Type: message/delivery-status"
            + "\n\nReporting-MTA: dns; example.org\n\nFinal-Recipient: rfc822; b@example.net\n"
            + "Action: failed\nStatus: 5.1.1\n--b\nContent-Type: message/rfc822\n\nFrom: a@example.com"
            + "\nTo: b@example.net\nSubject: hi\nMessage-ID: <1@example.com>\n\nhi\n--b--\n";
    analyzer.analyze(m.getBytes(StandardCharsets.US_ASCII));
  }
}
