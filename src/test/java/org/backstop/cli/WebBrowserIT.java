package org.backstop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.backstop.listing.Evidence;
import org.backstop.listing.EvidenceKind;
import org.backstop.net.IpAddress;
import org.backstop.testing.MutableClock;
import org.backstop.web.AdminPassword;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * The web site in a real browser (Debian's headless Chromium driven by chromedriver) against a
 * whole {@code backstop serve} process in-process: lookups, a delisting approved at once, one
 * queued and approved by an administrator, and the DNS zone following. Screenshots at phone width
 * go to {@code target/screenshots/}.
 */
class WebBrowserIT {
  static final String CHROMIUM = "/usr/bin/chromium";
  static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  static final String PASSWORD = "browser test password";
  static final String ZONE = "bl.backstop.local";
  static final IpAddress QUIET = IpAddress.parse("8.8.4.4");
  static final IpAddress RECENT = IpAddress.parse("9.9.9.9");
  static final IpAddress CLEAN = IpAddress.parse("1.0.0.1");
  static final Path SHOTS = Path.of("target", "screenshots");

  @TempDir Path dir;
  MutableClock clock;
  BackstopServer server;
  WebDriver browser;
  String base;

  @BeforeAll
  static void tools() {
    for (String tool : List.of(CHROMIUM, CHROMEDRIVER)) {
      if (!Files.isExecutable(Path.of(tool))) {
        throw new AssertionError(
            tool + " is missing: apt-get install -y chromium chromium-driver (see .ci/run)");
      }
    }
  }

  @BeforeEach
  void start() throws Exception {
    clock = new MutableClock(Instant.now().minus(Duration.ofDays(14)));
    Path data = dir.resolve("data");
    AdminPassword.write(data, AdminPassword.hash(PASSWORD.toCharArray(), 4));
    SettingsBuilder b = new SettingsBuilder();
    b.data = data;
    b.dns = HostPort.parse("127.0.0.1:0");
    b.smtp = HostPort.parse("127.0.0.1:0");
    b.http = HostPort.parse("127.0.0.1:0");
    b.publishPoll = Duration.ofSeconds(1);
    server = new BackstopServer(b.build(), clock).start();
    base = "http://127.0.0.1:" + server.httpPort();

    ChromeOptions o = new ChromeOptions();
    o.setBinary(CHROMIUM);
    o.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=390,844",
        "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium-profile")));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER))
            .usingAnyFreePort()
            .build();
    browser = new ChromeDriver(service, o);
    browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.close();
    }
  }

  /** Records a trap report about an address, received at a given time. */
  private void report(IpAddress ip, Instant at) {
    report(ip, at, EvidenceKind.BOUNCE, "victim@trap.backstop.local");
  }

  private void report(IpAddress ip, Instant at, EvidenceKind kind, String trap) {
    server
        .listings()
        .record(
            new Evidence(
                UUID.randomUUID().toString(),
                ip,
                kind,
                "trap",
                at,
                "mx.sender.example",
                "",
                List.of(trap),
                "dsn",
                "DSN to a trap",
                "Return-Path: <>\nReceived: from mx.sender.example (["
                    + ip
                    + "])\n"
                    + "From: Mail Delivery System <MAILER-DAEMON@mx.sender.example>\n"
                    + "To: victim@trap.backstop.local\n"
                    + "Subject: Undelivered Mail Returned to Sender\n"
                    + "Auto-Submitted: auto-replied\n"));
  }

  /** The DNS server's rcode for an address, asked with dnsjava over UDP. */
  private int rcode(IpAddress ip) {
    try {
      SimpleResolver r = new SimpleResolver("127.0.0.1");
      r.setPort(server.dnsAddress().getPort());
      r.setTimeout(Duration.ofSeconds(2));
      Name name = Name.fromString(ip.reversedName() + "." + ZONE + ".");
      Message answer = r.send(Message.newQuery(Record.newRecord(name, Type.A, DClass.IN)));
      return answer.getRcode();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void within(Duration d, String what, BooleanSupplier done)
      throws InterruptedException {
    long deadline = System.nanoTime() + d.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + d + ": " + what);
      }
      Thread.sleep(100); // polling a real server for an outcome, with a deadline
    }
  }

  private void open(String path) {
    browser.get(base + path);
  }

  private String text() {
    return browser.findElement(By.tagName("main")).getText();
  }

  private void check(IpAddress ip) {
    open("/");
    var field = browser.findElement(By.id("ip"));
    field.clear();
    field.sendKeys(ip.toString());
    browser.findElement(By.cssSelector("form[role=search] button")).click();
    new WebDriverWait(browser, Duration.ofSeconds(10))
        .until(ExpectedConditions.urlContains("/lookup?ip="));
  }

  /** Saves a screenshot of the whole page, resizing the window to the page's height. */
  private Path screenshot(String name) throws Exception {
    long height =
        (Long)
            ((JavascriptExecutor) browser)
                .executeScript("return document.documentElement.scrollHeight");
    browser.manage().window().setSize(new Dimension(390, (int) Math.min(6000, height + 20)));
    File f = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.createDirectories(SHOTS);
    Path to = SHOTS.resolve(name);
    Files.copy(f.toPath(), to, StandardCopyOption.REPLACE_EXISTING);
    browser.manage().window().setSize(new Dimension(390, 844));
    return to;
  }

  private void noHorizontalScroll() {
    Boolean fits =
        (Boolean)
            ((JavascriptExecutor) browser)
                .executeScript(
                    "return document.documentElement.scrollWidth <= window.innerWidth + 1");
    assertThat(fits).as("page fits a phone-width screen: " + browser.getCurrentUrl()).isTrue();
  }

  private void requestDelisting(IpAddress ip) {
    open("/lookup?ip=" + ip);
    browser.findElement(By.partialLinkText("Request delisting")).click();
    new WebDriverWait(browser, Duration.ofSeconds(10))
        .until(ExpectedConditions.presenceOfElementLocated(By.id("explanation")));
    assertThat(browser.findElement(By.id("ip")).getAttribute("value")).isEqualTo(ip.toString());
    browser
        .findElement(By.id("explanation"))
        .sendKeys("We now reject unknown recipients at SMTP time instead of bouncing.");
    browser.findElement(By.id("contact")).sendKeys("postmaster@sender.example");
    browser.findElement(By.cssSelector("form[action='/delist'] button")).click();
    new WebDriverWait(browser, Duration.ofSeconds(10))
        .until(ExpectedConditions.urlContains("/delist/status/"));
  }

  @Test
  void lookupDelistAndAdminApprovalInARealBrowser() throws Exception {
    // Two weeks of traffic, a day at a time, so the statistics have a shape.
    EvidenceKind[] kinds = {
      EvidenceKind.BOUNCE,
      EvidenceKind.AUTOREPLY,
      EvidenceKind.BOUNCE,
      EvidenceKind.CALLOUT,
      EvidenceKind.CHALLENGE
    };
    String[] traps = {
      "victim@trap.backstop.local", "info@trap.backstop.local", "x@trap.backstop.local"
    };
    for (int day = 0; day < 14; day++) {
      for (int k = 0; k <= day % 5; k++) {
        report(
            IpAddress.parse("45.33." + day + "." + (k + 1)),
            clock.instant(),
            kinds[(day + k) % kinds.length],
            traps[(day * k) % traps.length]);
      }
      if (day == 10) {
        report(QUIET, clock.instant()); // four days before the delisting request
      }
      clock.advance(Duration.ofDays(1));
    }
    report(RECENT, clock.instant().minus(Duration.ofHours(2)));
    within(
        Duration.ofSeconds(10),
        "both addresses are in DNS",
        () -> rcode(QUIET) == Rcode.NOERROR && rcode(RECENT) == Rcode.NOERROR);
    assertThat(rcode(CLEAN)).isEqualTo(Rcode.NXDOMAIN);

    // An unlisted address.
    check(CLEAN);
    assertThat(browser.getTitle()).contains(CLEAN + " is not listed");
    assertThat(text()).contains("Not listed.");

    // A listed one: facts, the log-search window, the redacted sample and the fix.
    check(QUIET);
    assertThat(browser.getTitle()).contains(QUIET + " is listed");
    String page = text();
    assertThat(page)
        .contains("Listed since", "Reports", "Last report", "Expires", "bounce")
        .contains("one minute either side of the last report", "MAIL FROM:<>", "postmaster")
        .contains("Reject unknown recipients during the SMTP dialogue")
        .contains("To: [redacted]")
        .doesNotContain("victim@trap.backstop.local");
    noHorizontalScroll();
    Path shot = screenshot("result-listed-phone.png");
    assertThat(Files.size(shot)).isGreaterThan(10_000);
    browser.manage().window().setSize(new Dimension(1280, 900));
    File wide = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(
        wide.toPath(),
        SHOTS.resolve("result-listed-desktop.png"),
        StandardCopyOption.REPLACE_EXISTING);
    browser.manage().window().setSize(new Dimension(390, 844));

    // Quiet for 3 days, never delisted: approved at once, and DNS follows.
    requestDelisting(QUIET);
    assertThat(text()).contains("Approved: " + QUIET + " is delisted.");
    String statusUrl = browser.getCurrentUrl();
    within(
        Duration.ofSeconds(5),
        "the quiet address answers NXDOMAIN",
        () -> rcode(QUIET) == Rcode.NXDOMAIN);
    screenshot("delist-approved-phone.png");

    // Reported 2 hours ago: queued for a person.
    requestDelisting(RECENT);
    assertThat(text())
        .contains("Queued: a person will review this request.")
        .contains("A report arrived less than 48 hours ago");
    String queuedUrl = browser.getCurrentUrl();
    assertThat(queuedUrl).isNotEqualTo(statusUrl);
    assertThat(rcode(RECENT)).isEqualTo(Rcode.NOERROR);

    // The administrator logs in and approves it.
    open("/admin");
    assertThat(browser.getCurrentUrl()).endsWith("/admin/login");
    browser.findElement(By.id("password")).sendKeys(PASSWORD);
    browser.findElement(By.cssSelector("form[action='/admin/login'] button")).click();
    new WebDriverWait(browser, Duration.ofSeconds(10))
        .until(ExpectedConditions.titleContains("Review queue"));
    assertThat(text()).contains(RECENT.toString(), "reject unknown recipients at SMTP time");
    noHorizontalScroll();
    screenshot("admin-queue-phone.png");
    browser.findElement(By.cssSelector("input[name=reason]")).sendKeys("fix confirmed by mail");
    browser.findElement(By.xpath("//button[text()='Approve']")).click();
    new WebDriverWait(browser, Duration.ofSeconds(10))
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.tagName("main"), "No request waits for review."));
    within(
        Duration.ofSeconds(5),
        "the approved address answers NXDOMAIN",
        () -> rcode(RECENT) == Rcode.NXDOMAIN);

    // The requester's link shows the decision; the audit log has it.
    browser.get(queuedUrl);
    assertThat(text()).contains("Approved: " + RECENT + " is delisted.", "Fix confirmed by mail.");
    open("/admin/audit");
    assertThat(text()).contains("admin.login", "delisting.approve", "fix confirmed by mail");

    // Statistics, drawn on the server as SVG.
    open("/stats");
    assertThat(browser.findElements(By.cssSelector("main svg"))).hasSize(4);
    assertThat(text()).contains("Listed now", "trap ").doesNotContain("@trap.backstop.local");
    noHorizontalScroll();
    screenshot("stats-phone.png");
  }
}
