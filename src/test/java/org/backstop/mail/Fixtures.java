package org.backstop.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The project's own synthetic messages under src/test/resources/org/backstop/mail. */
final class Fixtures {
  private Fixtures() {}

  static final List<String> ALL =
      List.of(
          "postfix-dsn.eml",
          "exim-text.eml",
          "qmail.eml",
          "gmail-text.eml",
          "exchange-ndr.eml",
          "delayed-dsn.eml",
          "autoreply.eml",
          "vacation-subject.eml",
          "arf.eml",
          "mdn.eml",
          "amazonses.eml",
          "ordinary.eml",
          "spam-bounce-words.eml",
          "iso2022jp.eml",
          "shiftjis.eml",
          "challenge-tmda.eml",
          "challenge-human.eml",
          "virus-amavis.eml",
          "virus-alert-spam.eml",
          "confirm-newsletter.eml");

  static byte[] load(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
