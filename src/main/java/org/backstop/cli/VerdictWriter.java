package org.backstop.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.backstop.mail.Analysis;
import org.backstop.mail.Hop;
import org.backstop.mail.Recipient;

/**
 * Prints {@code backstop analyze}'s verdicts: one JSON object per line (the fields the README
 * lists) or a few lines of text per message.
 */
final class VerdictWriter {
  private final OutputStream out;
  private final JsonGenerator json;
  private final PrintStream text;

  VerdictWriter(AnalyzeCommand.Format format, OutputStream out) throws IOException {
    this.out = out;
    // Flushing the generator hands its bytes to the buffered stream, not to the terminal: one
    // write per 64 KB instead of one per message.
    this.json =
        format == AnalyzeCommand.Format.json
            ? new JsonFactory()
                .disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM)
                .createGenerator(out)
                .setRootValueSeparator(null)
            : null;
    this.text =
        format == AnalyzeCommand.Format.text
            ? new PrintStream(out, false, StandardCharsets.UTF_8)
            : null;
  }

  /**
   * One message's verdict.
   *
   * @param message its position in an mbox from 1, or 0
   */
  void write(String file, int message, Analysis a) throws IOException {
    if (json != null) {
      writeJson(json, file, message, a);
      json.flush();
      out.write('\n');
    } else {
      writeText(text, file, message, a);
    }
  }

  /** Everything written so far, out to the stream underneath. */
  void flush() throws IOException {
    if (json != null) {
      json.flush();
    }
    if (text != null) {
      text.flush();
    }
    out.flush();
  }

  // Field names encoded once: the generator then copies their bytes instead of escaping each
  // name of each verdict again.
  private static final SerializedString F_ACTION = new SerializedString("action");
  private static final SerializedString F_ADDRESS = new SerializedString("address");
  private static final SerializedString F_BY = new SerializedString("by");
  private static final SerializedString F_COMMAND = new SerializedString("command");
  private static final SerializedString F_DATE = new SerializedString("date");
  private static final SerializedString F_DIAGNOSTIC = new SerializedString("diagnostic");
  private static final SerializedString F_EVIDENCE = new SerializedString("evidence");
  private static final SerializedString F_FILE = new SerializedString("file");
  private static final SerializedString F_FROM = new SerializedString("from");
  private static final SerializedString F_IP = new SerializedString("ip");
  private static final SerializedString F_KIND = new SerializedString("kind");
  private static final SerializedString F_MESSAGE = new SerializedString("message");
  private static final SerializedString F_MESSAGE_ID = new SerializedString("messageId");
  private static final SerializedString F_ORIGINAL = new SerializedString("original");
  private static final SerializedString F_REASON = new SerializedString("reason");
  private static final SerializedString F_RECEIVED = new SerializedString("received");
  private static final SerializedString F_RECIPIENTS = new SerializedString("recipients");
  private static final SerializedString F_REMOTE_MTA = new SerializedString("remoteMta");
  private static final SerializedString F_REPLY_CODE = new SerializedString("replyCode");
  private static final SerializedString F_REPORTING_MTA = new SerializedString("reportingMta");
  private static final SerializedString F_SENDER = new SerializedString("sender");
  private static final SerializedString F_STATUS = new SerializedString("status");
  private static final SerializedString F_SUBJECT = new SerializedString("subject");

  private static void string(JsonGenerator g, SerializedString name, String value)
      throws IOException {
    g.writeFieldName(name);
    g.writeString(value); // null as JSON null
  }

  private static void number(JsonGenerator g, SerializedString name, int value) throws IOException {
    g.writeFieldName(name);
    g.writeNumber(value);
  }

  private static void writeJson(JsonGenerator g, String file, int message, Analysis a)
      throws IOException {
    g.writeStartObject();
    string(g, F_FILE, file);
    if (message > 0) {
      number(g, F_MESSAGE, message);
    }
    string(g, F_KIND, a.kind().label());
    g.writeFieldName(F_RECIPIENTS);
    g.writeStartArray();
    for (Recipient r : a.recipients()) {
      g.writeStartObject();
      string(g, F_ADDRESS, r.address());
      string(g, F_ACTION, r.action());
      string(g, F_STATUS, r.status());
      string(g, F_REPLY_CODE, r.replyCode());
      string(g, F_REASON, r.reason());
      string(g, F_DIAGNOSTIC, r.diagnostic());
      string(g, F_REMOTE_MTA, r.remoteMta());
      string(g, F_COMMAND, r.command());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeFieldName(F_ORIGINAL);
    g.writeStartObject();
    string(g, F_MESSAGE_ID, a.original().messageId());
    string(g, F_FROM, a.original().from());
    string(g, F_SENDER, a.original().sender());
    string(g, F_SUBJECT, a.original().subject());
    string(g, F_DATE, a.original().date());
    g.writeFieldName(F_RECEIVED);
    g.writeStartArray();
    for (Hop h : a.original().received()) {
      g.writeStartObject();
      string(g, F_FROM, h.fromHost());
      string(g, F_IP, h.ip());
      string(g, F_BY, h.byHost());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
    string(g, F_REPORTING_MTA, a.reportingMta());
    g.writeFieldName(F_EVIDENCE);
    g.writeStartArray();
    for (String e : a.evidence()) {
      g.writeString(e);
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  /**
   * A few lines a message; every value from the message passes through {@link Printable}, and a
   * value the message does not give is left out rather than shown as "null".
   */
  private static void writeText(PrintStream out, String file, int message, Analysis a) {
    out.println(
        Printable.line(file)
            + (message > 0 ? " (message " + message + ")" : "")
            + ": "
            + a.kind().label());
    for (Recipient r : a.recipients()) {
      out.println(
          "  recipient "
              + Printable.line(r.address())
              + named("status", r.status())
              + named("reason", r.reason())
              + named("reply", r.replyCode())
              + named("remote", r.remoteMta()));
      if (r.diagnostic() != null && !r.diagnostic().isBlank()) {
        String d = Printable.line(r.diagnostic());
        out.println("    " + (d.length() > 160 ? d.substring(0, 160) + "..." : d));
      }
    }
    var o = a.original();
    if (o.sender() != null || o.messageId() != null || o.from() != null) {
      String given =
          named("sender", o.sender())
              + named("from", o.from())
              + named("message-id", o.messageId());
      out.println("  original" + given.substring(1)); // one space after the word, not two
    }
    if (a.reportingMta() != null) {
      out.println("  reporting-mta " + Printable.line(a.reportingMta()));
    }
    out.println("  evidence " + Printable.line(String.join(", ", a.evidence())));
  }

  /** Two spaces and {@code name=value} for a value the message gives, else nothing. */
  private static String named(String name, String value) {
    return value == null ? "" : "  " + name + "=" + Printable.line(value);
  }
}
