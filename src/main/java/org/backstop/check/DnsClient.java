package org.backstop.check;

import java.util.concurrent.CompletableFuture;
import org.xbill.DNS.Name;

/**
 * Asks DNS questions asynchronously. The checker, the monitor and the auditor use it so that tests
 * can point them at a local fixture server and production at a real resolver.
 */
public interface DnsClient {

  /**
   * Sends one question.
   *
   * @return the response; fails with {@link DnsTimeoutException} on timeout and with an IOException
   *     when the server cannot be reached
   */
  CompletableFuture<DnsResponse> query(Name name, int type);
}
