package org.backstop.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;

/**
 * {@code /metrics} in the Prometheus text format, and a timer of every HTTP request tagged by route
 * pattern (not the raw path, which would let clients create unbounded series).
 */
public final class MetricsRoutes {
  private static final String START = "backstop.web.start";

  private final PrometheusMeterRegistry registry;

  public MetricsRoutes(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  public void register(Javalin app) {
    app.before(ctx -> ctx.attribute(START, System.nanoTime()));
    app.after(this::time);
    app.get("/metrics", this::scrape);
  }

  private void scrape(Context ctx) {
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape());
  }

  private void time(Context ctx) {
    Long start = ctx.attribute(START);
    if (start == null) {
      return;
    }
    String route;
    try {
      route = ctx.endpointHandlerPath();
    } catch (RuntimeException e) {
      route = null; // no endpoint matched: a 404
    }
    Timer.builder("backstop.http.requests")
        .description("HTTP requests served by the web site and API")
        .tag("method", ctx.method().name())
        .tag("route", route == null || route.isEmpty() ? "unmatched" : route)
        .tag("status", Integer.toString(ctx.statusCode()))
        .register(registry)
        .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
  }
}
