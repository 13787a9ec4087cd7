package org.backstop.filter;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

/**
 * The shield's counters, for a Prometheus scrape: policy answers by outcome, milter verdicts by
 * kind and action, outbound messages by whether their sender was signed.
 */
public final class ShieldMetrics {
  private final MeterRegistry registry;

  public ShieldMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Counters that go nowhere, for tests and deployments without metrics. */
  public static ShieldMetrics none() {
    return new ShieldMetrics(new CompositeMeterRegistry());
  }

  MeterRegistry registry() {
    return registry;
  }

  /** One policy answer: dunno, dnsbl-reject, batv-reject, bounce-limit or error. */
  void policy(String outcome) {
    registry.counter("backstop_filter_policy_answers", "outcome", outcome).increment();
  }

  /** One inbound message judged by the milter. */
  void verdict(Verdict.Kind kind, ShieldAction action) {
    registry
        .counter(
            "backstop_filter_milter_verdicts",
            "verdict",
            kind.label(),
            "action",
            kind == Verdict.Kind.BACKSCATTER ? action.label() : "accept")
        .increment();
  }

  /** One outbound message recorded in the ledger. */
  void outbound(boolean signed) {
    registry
        .counter("backstop_filter_outbound_messages", "batv", signed ? "signed" : "unsigned")
        .increment();
  }
}
