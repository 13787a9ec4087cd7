package org.backstop.listing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.backstop.mail.Analysis;
import org.backstop.mail.BounceAnalyzer;
import org.backstop.mail.MessageKind;
import org.backstop.mail.OriginalMessage;
import org.backstop.mail.Recipient;
import org.backstop.net.IpAddress;

/**
 * Turns what a trap or a reporter received into {@link Evidence}: runs the analyzer on the raw
 * message and keeps a readable summary and a bounded header excerpt, never the whole message.
 */
public final class MessageEvidence {
  /** The largest message analysed; the trap and the report API refuse larger ones. */
  public static final int MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

  private final Function<byte[], Analysis> analyzer;

  /** Evidence read with the analyzer of package {@code mail}. */
  public MessageEvidence(BounceAnalyzer analyzer) {
    this(analyzer::analyze);
  }

  /** Evidence read with any classifier: tests pass a fixed verdict. */
  public MessageEvidence(Function<byte[], Analysis> analyzer) {
    this.analyzer = analyzer;
  }

  /** Evidence of a message a trap accepted. */
  public Evidence trapMessage(
      String id,
      Instant at,
      IpAddress client,
      String helo,
      String mailFrom,
      List<String> recipients,
      byte[] message) {
    return fromMessage(id, "trap", at, client, helo, mailFrom, recipients, message);
  }

  /** Evidence of a sender callout: the null sender named a trap and left before DATA. */
  public Evidence callout(
      String id,
      Instant at,
      IpAddress client,
      String helo,
      String mailFrom,
      List<String> recipients) {
    String summary =
        "sender callout: MAIL FROM:<"
            + (mailFrom == null ? "" : mailFrom)
            + "> RCPT TO:<"
            + String.join(">, <", recipients)
            + "> then QUIT or RSET without DATA";
    return new Evidence(
        id,
        client,
        EvidenceKind.CALLOUT,
        "trap",
        at,
        helo,
        mailFrom,
        recipients,
        null,
        Text.clip(summary, 1024),
        null);
  }

  /** Evidence of a message a reporter submitted, delivered to it by the given address. */
  public Evidence report(String id, String reporterId, Instant at, IpAddress ip, byte[] message) {
    return fromMessage(id, reporterId, at, ip, null, null, List.of(), message);
  }

  private Evidence fromMessage(
      String id,
      String reporterId,
      Instant at,
      IpAddress ip,
      String helo,
      String mailFrom,
      List<String> recipients,
      byte[] message) {
    Analysis a = analyzer.apply(message);
    return new Evidence(
        id,
        ip,
        EvidenceKind.of(a.kind()),
        reporterId,
        at,
        helo,
        mailFrom,
        recipients,
        a.kind().label(),
        summary(a),
        headerExcerpt(message));
  }

  /** One line: the kind, who reported, and what the original message was. */
  static String summary(Analysis a) {
    List<String> parts = new ArrayList<>();
    parts.add(a.kind() == MessageKind.NONE ? "ordinary mail" : a.kind().label());
    if (a.reportingMta() != null) {
      parts.add("from " + a.reportingMta());
    }
    if (!a.recipients().isEmpty()) {
      Recipient r = a.recipients().get(0);
      String s = r.address() == null ? "?" : r.address();
      if (r.status() != null) {
        s += " " + r.status();
      }
      parts.add("about " + s);
    }
    OriginalMessage o = a.original();
    if (o.subject() != null) {
      parts.add("original subject \"" + o.subject() + "\"");
    }
    if (o.from() != null) {
      parts.add("original from " + o.from());
    }
    return Text.clip(String.join(", ", parts).replaceAll("\\s*[\\r\\n\\t]+\\s*", " "), 1024);
  }

  /** The header section (up to the first blank line), at most {@link Text#EXCERPT_LIMIT}. */
  static String headerExcerpt(byte[] message) {
    int n = Math.min(message.length, Text.EXCERPT_LIMIT);
    int end = n;
    for (int i = 0; i + 1 < n; i++) {
      if (message[i] == '\n'
          && (message[i + 1] == '\n'
              || (message[i + 1] == '\r' && i + 2 < n && message[i + 2] == '\n'))) {
        end = i + 1;
        break;
      }
    }
    // Mail headers are ASCII by RFC 5322; UTF-8 (RFC 6532) decodes that too, leniently.
    return new String(message, 0, end, StandardCharsets.UTF_8).replace("\u0000", "");
  }
}
