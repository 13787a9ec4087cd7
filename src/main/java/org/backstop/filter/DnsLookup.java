package org.backstop.filter;

import java.util.concurrent.CompletionStage;

/** Asks DNS for the A records of a name; an interface so tests can answer without a server. */
public interface DnsLookup {
  /** Completes with the answer, or exceptionally on timeout or server failure. */
  CompletionStage<DnsAnswer> lookupA(String name);
}
