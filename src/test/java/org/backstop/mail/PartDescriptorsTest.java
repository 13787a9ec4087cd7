package org.backstop.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RecursionMode;
import org.junit.jupiter.api.Test;

/**
 * The analyzer's own header reading ({@link FieldCollector}, {@link PartDescriptors}) gives mime4j
 * the same MIME structure as mime4j's own builders: the same parts, each with the same media type,
 * boundary, charset and transfer encoding, on messages made of random and hostile header fields.
 */
class PartDescriptorsTest {
  private static final MimeConfig CONFIG = Mail.CONFIG;

  private static final String[] PIECES = {
    "multipart/mixed",
    "multipart/report",
    "text/plain",
    "TEXT/HTML",
    "message/rfc822",
    "multipart/digest",
    " ",
    "  ",
    "\t",
    "\n ",
    "\n\t",
    ";",
    "; ",
    "=",
    "\"",
    "\"b1\"",
    "b1",
    "boundary=",
    "boundary=\"b1\"",
    "boundary=b1",
    "BOUNDARY=b2",
    "charset=",
    "charset=utf-8",
    "charset=\"ISO-2022-JP\"",
    "report-type=delivery-status",
    "(comment)",
    "\\",
    "\\\"",
    "=?",
    "\"=?utf-8?q?x?=\"",
    "\"\n=?x\"",
    "/",
    "x",
    "text / plain",
    "\u00e9",
    "\u0001",
    "name=\"a b\"",
    "\"unclosed",
    "a\"b",
    "=\"\"",
    "\"\"",
    "multipart/alternative"
  };

  private static final String[] NAMES = {
    "Content-Type",
    "content-type",
    "CONTENT-TYPE",
    "Content-Transfer-Encoding",
    "Content-Length",
    "Content-Type ",
    " Content-Type",
    "Content(x)-Type",
    "Content-Type (c)",
    "X-Other",
    "Subject",
    "Content-Disposition",
    "Bad Name",
    "Content-Typé"
  };

  private static final String[] CTE = {" base64", " Quoted-Printable", " 7bit", "", "  8BIT  "};

  @Test
  void randomHeaderFieldsDescribeThePartsAsMime4jDoes() {
    Random r = new Random(2026);
    for (int round = 0; round < 4000; round++) {
      StringBuilder m = new StringBuilder();
      m.append(headerBlock(r)).append("\n");
      m.append("preamble\n--b1\n").append(headerBlock(r)).append("\nbody one\n");
      m.append("--b1\n").append(headerBlock(r)).append("\n--b2\n").append(headerBlock(r));
      m.append("\ninner\n--b2--\n--b1--\nepilogue\n");
      byte[] bytes = m.toString().getBytes(StandardCharsets.UTF_8);
      assertThat(describe(bytes, true)).as(m.toString()).isEqualTo(describe(bytes, false));
    }
  }

  @Test
  void commonContentTypesTakeTheFastReading() {
    byte[] raw =
        "Content-Type: multipart/report; report-type=delivery-status;\n\tboundary=\"x y\""
            .getBytes(StandardCharsets.US_ASCII);
    PartDescriptors.Simple.Parsed p = PartDescriptors.Simple.parse(raw, 13, raw.length);
    assertThat(p).isNotNull();
    assertThat(p.value()).isEqualTo("multipart/report");
    assertThat(p.params()).hasSize(2);
    assertThat(p.params().get(1).getValue()).isEqualTo("x y");
    byte[] comment = "Content-Type: text/plain (a comment)".getBytes(StandardCharsets.US_ASCII);
    assertThat(PartDescriptors.Simple.parse(comment, 13, comment.length)).isNull();
  }

  private static String headerBlock(Random r) {
    StringBuilder b = new StringBuilder();
    for (int f = r.nextInt(4); f >= 0; f--) {
      String name = NAMES[r.nextInt(NAMES.length)];
      b.append(name).append(':');
      if (name.toLowerCase().contains("transfer")) {
        b.append(CTE[r.nextInt(CTE.length)]);
      } else {
        for (int k = r.nextInt(7); k >= 0; k--) {
          b.append(PIECES[r.nextInt(PIECES.length)]);
        }
      }
      b.append('\n');
    }
    return b.toString();
  }

  /** Each body's description, through the analyzer's builders or mime4j's own. */
  private static List<String> describe(byte[] message, boolean ours) {
    List<String> out = new ArrayList<>();
    Budget budget = new Budget(1_000_000_000L);
    FieldCollector fields = new FieldCollector(budget);
    fields.target(new Headers.Builder());
    MimeTokenStream s =
        ours
            ? new MimeTokenStream(CONFIG, DecodeMonitor.SILENT, fields, new PartDescriptors(fields))
            : new MimeTokenStream(CONFIG, DecodeMonitor.SILENT, null);
    s.setRecursionMode(RecursionMode.M_NO_RECURSE);
    try {
      s.parse(new ByteArrayInputStream(message));
      for (EntityState e = s.getState(); e != EntityState.T_END_OF_STREAM; e = s.next()) {
        if (e == EntityState.T_START_HEADER) {
          fields.target(new Headers.Builder());
        }
        if (e == EntityState.T_BODY || e == EntityState.T_START_MULTIPART) {
          BodyDescriptor d = s.getBodyDescriptor();
          out.add(
              e
                  + " "
                  + d.getMimeType()
                  + " "
                  + d.getMediaType()
                  + "/"
                  + d.getSubType()
                  + " b="
                  + d.getBoundary()
                  + " cs="
                  + d.getCharset()
                  + " te="
                  + d.getTransferEncoding()
                  + " len="
                  + d.getContentLength());
        }
      }
    } catch (Exception e) {
      out.add("error " + e.getClass().getSimpleName());
    }
    return out;
  }
}
