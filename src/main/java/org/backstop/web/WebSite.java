package org.backstop.web;

import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import org.backstop.listing.DelistingPolicy;

/**
 * The web site and JSON API as one unit to install on a Javalin app: lookup pages, delisting,
 * administration, statistics, the OpenAPI document, {@code /metrics}, error bodies and security
 * headers. The server that owns the app (started by {@code backstop serve}) calls {@link #install};
 * the storage of package listing is reached through the small interfaces in {@link Backend}.
 */
public final class WebSite {

  /**
   * What the site reads and changes.
   *
   * @param lookups current and past listings
   * @param delisting delisting requests and delisting itself
   * @param admin listings, allowlist and reporters for administrators
   * @param audit the audit log
   * @param stats figures for the statistics page
   */
  public record Backend(
      Lookups lookups,
      DelistingStore delisting,
      AdminStore admin,
      AuditLog audit,
      StatsSource stats) {
    public Backend {
      Objects.requireNonNull(lookups, "lookups");
      Objects.requireNonNull(delisting, "delisting");
      Objects.requireNonNull(admin, "admin");
      Objects.requireNonNull(audit, "audit");
      Objects.requireNonNull(stats, "stats");
    }
  }

  /**
   * Tunables, with defaults from {@link #defaults}.
   *
   * @param delistBurst delisting submissions a client may make at once
   * @param delistPeriod time in which a client's delisting allowance refills
   * @param loginBurst login attempts a client may make at once
   * @param loginPeriod time in which a client's login allowance refills
   * @param sessionIdle how long an administrator session lasts unused
   */
  public record Settings(
      int delistBurst,
      Duration delistPeriod,
      int loginBurst,
      Duration loginPeriod,
      Duration sessionIdle) {

    /** 5 delisting requests per hour and 10 login attempts per 15 minutes per client. */
    public static Settings defaults() {
      return new Settings(
          5, Duration.ofHours(1), 10, Duration.ofMinutes(15), Duration.ofMinutes(30));
    }
  }

  private final LookupPage lookupPage;
  private final DelistRoutes delistRoutes;
  private final AdminRoutes adminRoutes;
  private final AdminApi adminApi;
  private final StatsRoutes statsRoutes;
  private final MetricsRoutes metricsRoutes;
  private final OpenApi openApi;

  /**
   * @param passwordHash gives the administrator's bcrypt hash, or null when none is set
   */
  public WebSite(
      Clock clock,
      Backend backend,
      Supplier<String> passwordHash,
      PrometheusMeterRegistry metrics,
      Settings settings) {
    DelistService delist =
        new DelistService(
            clock, backend.lookups(), backend.delisting(), new DelistingPolicy(clock), metrics);
    AdminAuth auth = new AdminAuth(clock, passwordHash, settings.sessionIdle());
    RateLimiter delistLimiter =
        new RateLimiter(clock, settings.delistBurst(), settings.delistPeriod(), 100_000);
    RateLimiter loginLimiter =
        new RateLimiter(clock, settings.loginBurst(), settings.loginPeriod(), 100_000);
    lookupPage = new LookupPage(backend.lookups(), metrics);
    delistRoutes = new DelistRoutes(delist, delistLimiter);
    AdminDesk desk =
        new AdminDesk(clock, auth, delist, backend.admin(), backend.audit(), loginLimiter);
    adminRoutes = new AdminRoutes(desk);
    adminApi = new AdminApi(desk);
    statsRoutes = new StatsRoutes(backend.stats());
    metricsRoutes = new MetricsRoutes(metrics);
    openApi = new OpenApi();
  }

  /** The site as one group of routes for {@link WebServer}. */
  public WebServer.Routes routes() {
    return this::install;
  }

  /**
   * Adds every route, the error handlers and the security headers to the app. The JSON lookup
   * {@code GET /api/v1/ip/{ip}} is {@link IpLookupApi}'s.
   */
  public void install(Javalin app) {
    app.before(SecurityHeaders::apply);
    Errors.install(app);
    metricsRoutes.register(app);
    lookupPage.register(app);
    delistRoutes.register(app);
    adminRoutes.register(app);
    adminApi.register(app);
    statsRoutes.register(app);
    openApi.register(app);
  }
}
