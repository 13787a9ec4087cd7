package org.backstop.filter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads and writes the policy delegation protocol (Postfix SMTPD_POLICY_README): a request is
 * {@code name=value} lines ended by an empty line; the reply is {@code action=...} and an empty
 * line. Input is bounded and parsed leniently: an overlong line is cut, a line without {@code =} is
 * skipped, and too many attributes end the connection.
 */
final class PolicyCodec {
  static final int MAX_LINE = 4096;
  static final int MAX_ATTRIBUTES = 200;

  private PolicyCodec() {}

  /** Reads one request from a buffered stream, or returns null at end of stream. */
  static PolicyRequest read(InputStream in) throws IOException {
    Map<String, String> attrs = new HashMap<>();
    ByteArrayOutputStream line = new ByteArrayOutputStream(128);
    while (true) {
      int c = in.read();
      if (c < 0) {
        return null;
      }
      if (c != '\n') {
        if (line.size() < MAX_LINE) {
          line.write(c);
        }
        continue;
      }
      String text = line.toString(StandardCharsets.UTF_8);
      line.reset();
      if (text.endsWith("\r")) {
        text = text.substring(0, text.length() - 1);
      }
      if (text.isEmpty()) {
        if (!attrs.isEmpty()) {
          return new PolicyRequest(attrs);
        }
        continue; // a stray blank line between requests
      }
      int eq = text.indexOf('=');
      if (eq > 0) {
        if (attrs.size() >= MAX_ATTRIBUTES) {
          throw new IOException("policy request has more than " + MAX_ATTRIBUTES + " attributes");
        }
        attrs.put(text.substring(0, eq), text.substring(eq + 1));
      }
    }
  }

  static void write(OutputStream out, String action) throws IOException {
    String safe = action.replace('\n', ' ').replace('\r', ' ');
    out.write(("action=" + safe + "\n\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
