package org.backstop.check;

import java.io.IOException;

/** A DNS question got no answer in time. */
public final class DnsTimeoutException extends IOException {
  public DnsTimeoutException(String message) {
    super(message);
  }
}
