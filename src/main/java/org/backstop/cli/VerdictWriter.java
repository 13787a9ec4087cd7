package org.backstop.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
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

  private static void writeJson(JsonGenerator g, String file, int message, Analysis a)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("file", file);
    if (message > 0) {
      g.writeNumberField("message", message);
    }
    g.writeStringField("kind", a.kind().label());
    g.writeArrayFieldStart("recipients");
    for (Recipient r : a.recipients()) {
      g.writeStartObject();
      g.writeStringField("address", r.address());
      g.writeStringField("action", r.action());
      g.writeStringField("status", r.status());
      g.writeStringField("replyCode", r.replyCode());
      g.writeStringField("reason", r.reason());
      g.writeStringField("diagnostic", r.diagnostic());
      g.writeStringField("remoteMta", r.remoteMta());
      g.writeStringField("command", r.command());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeObjectFieldStart("original");
    g.writeStringField("messageId", a.original().messageId());
    g.writeStringField("from", a.original().from());
    g.writeStringField("sender", a.original().sender());
    g.writeStringField("subject", a.original().subject());
    g.writeStringField("date", a.original().date());
    g.writeArrayFieldStart("received");
    for (Hop h : a.original().received()) {
      g.writeStartObject();
      g.writeStringField("from", h.fromHost());
      g.writeStringField("ip", h.ip());
      g.writeStringField("by", h.byHost());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
    g.writeStringField("reportingMta", a.reportingMta());
    g.writeArrayFieldStart("evidence");
    for (String e : a.evidence()) {
      g.writeString(e);
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void writeText(PrintStream out, String file, int message, Analysis a) {
    out.println(file + (message > 0 ? " (message " + message + ")" : "") + ": " + a.kind().label());
    for (Recipient r : a.recipients()) {
      out.println(
          "  recipient "
              + r.address()
              + "  status="
              + r.status()
              + "  reason="
              + r.reason()
              + (r.replyCode() == null ? "" : "  reply=" + r.replyCode())
              + (r.remoteMta() == null ? "" : "  remote=" + r.remoteMta()));
      if (r.diagnostic() != null && !r.diagnostic().isBlank()) {
        String d = r.diagnostic().replace('\n', ' ');
        out.println("    " + (d.length() > 160 ? d.substring(0, 160) + "..." : d));
      }
    }
    var o = a.original();
    if (o.sender() != null || o.messageId() != null) {
      out.println(
          "  original sender=" + o.sender() + " from=" + o.from() + " message-id=" + o.messageId());
    }
    if (a.reportingMta() != null) {
      out.println("  reporting-mta " + a.reportingMta());
    }
    out.println("  evidence " + String.join(", ", a.evidence()));
  }
}
