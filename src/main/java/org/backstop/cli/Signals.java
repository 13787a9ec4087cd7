package org.backstop.cli;

import org.slf4j.LoggerFactory;

/** SIGHUP handling through sun.misc.Signal (the JDK has no public API for it). */
final class Signals {
  private Signals() {}

  static void onHangup(Runnable action) {
    try {
      sun.misc.Signal.handle(new sun.misc.Signal("HUP"), s -> action.run());
    } catch (IllegalArgumentException e) {
      LoggerFactory.getLogger(Signals.class).warn("SIGHUP not available: {}", e.getMessage());
    }
  }
}
