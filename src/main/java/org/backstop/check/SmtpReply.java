package org.backstop.check;

/** An SMTP reply (RFC 5321 section 4.2): the code and the text of its lines. */
public record SmtpReply(int code, String text) {

  public boolean positive() {
    return code >= 200 && code < 300;
  }

  public boolean permanentFailure() {
    return code >= 500 && code < 600;
  }

  public boolean temporaryFailure() {
    return code >= 400 && code < 500;
  }

  @Override
  public String toString() {
    return code + " " + text;
  }
}
