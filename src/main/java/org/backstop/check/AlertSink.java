package org.backstop.check;

import java.util.List;

/** Where the monitor sends listing changes: a webhook, a mailbox, a log. */
public interface AlertSink {

  /**
   * Sends the changes found in one check of one target.
   *
   * @throws Exception when delivery fails; the monitor logs it and goes on
   */
  void send(List<ListingChange> changes) throws Exception;
}
