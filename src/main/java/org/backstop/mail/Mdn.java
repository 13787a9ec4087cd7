package org.backstop.mail;

/**
 * Recognises message disposition notifications, the read receipts of RFC 8098: a multipart/report
 * with report-type=disposition-notification.
 */
final class Mdn {
  private Mdn() {}

  /** The disposition fields (RFC 8098 section 3.2), or null when this is no MDN. */
  static Headers fields(Mail m) {
    MimePart p = m.part("message/disposition-notification");
    if (p == null) {
      p = m.part("message/global-disposition-notification");
    }
    if (p != null) {
      return Headers.parse(p.text(), 0, 100).headers();
    }
    return "disposition-notification".equalsIgnoreCase(m.reportType) ? Headers.EMPTY : null;
  }
}
