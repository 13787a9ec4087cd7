package org.backstop.trap;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.backstop.net.Cidr;

/**
 * How a {@link TrapServer} listens, what it accepts and where it spools. Validated once on
 * construction; build one with {@link #builder(Path)}.
 *
 * @param listen address and port to bind (port 0 picks a free one)
 * @param hostname the name in the greeting and EHLO reply
 * @param trapDomains domains whose every address is a trap (case-insensitive, exact match)
 * @param trapAddresses single trap addresses in any domain
 * @param spoolDir directory of the durable spool
 * @param maxMessageBytes largest message accepted, advertised with SIZE (RFC 1870)
 * @param maxRecipients recipients accepted per transaction; more get 452
 * @param maxConnections concurrent sessions; more get 421
 * @param maxConnectionsPerIp concurrent sessions per client address (trusted networks exempt)
 * @param idleTimeout longest wait for the client's next line or data before 421
 * @param maxSessionTime longest a session may last, however busy (against slow-drip clients)
 * @param trustedNetworks peers allowed to send XCLIENT and PROXY headers
 * @param proxyProtocol when true, a peer in a trusted network must start with a PROXY header
 * @param sinkThreads threads handing spooled deliveries to the sink
 * @param retryInterval how often the spool is rescanned for deliveries the sink refused
 * @param shutdownGrace how long stopping waits for sessions in progress
 */
public record TrapConfig(
    InetSocketAddress listen,
    String hostname,
    List<String> trapDomains,
    List<String> trapAddresses,
    Path spoolDir,
    int maxMessageBytes,
    int maxRecipients,
    int maxConnections,
    int maxConnectionsPerIp,
    Duration idleTimeout,
    Duration maxSessionTime,
    List<Cidr> trustedNetworks,
    boolean proxyProtocol,
    int sinkThreads,
    Duration retryInterval,
    Duration shutdownGrace) {

  /** The default size limit, 10 MB. */
  public static final int DEFAULT_MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

  /** Loopback, IPv4 and IPv6: the default trusted networks. */
  public static final List<Cidr> LOOPBACK = List.of(Cidr.parse("127.0.0.0/8"), Cidr.parse("::1"));

  public TrapConfig {
    Objects.requireNonNull(listen, "listen");
    Objects.requireNonNull(spoolDir, "spoolDir");
    hostname = hostname == null || hostname.isBlank() ? "localhost" : hostname.trim();
    trapDomains = trapDomains.stream().map(TrapRecipients::normaliseDomain).toList();
    trapAddresses =
        trapAddresses.stream().map(a -> a.trim().toLowerCase(java.util.Locale.ROOT)).toList();
    trustedNetworks = List.copyOf(trustedNetworks);
    if (trapDomains.isEmpty() && trapAddresses.isEmpty()) {
      throw new IllegalArgumentException("a trap needs at least one trap domain or address");
    }
    positive(maxMessageBytes, "maxMessageBytes");
    positive(maxRecipients, "maxRecipients");
    positive(maxConnections, "maxConnections");
    positive(maxConnectionsPerIp, "maxConnectionsPerIp");
    positive(sinkThreads, "sinkThreads");
    if (idleTimeout.isNegative()
        || idleTimeout.isZero()
        || idleTimeout.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("idleTimeout must be positive");
    }
    if (maxSessionTime.isNegative() || maxSessionTime.isZero()) {
      throw new IllegalArgumentException("maxSessionTime must be positive");
    }
    if (retryInterval.isNegative() || retryInterval.isZero()) {
      throw new IllegalArgumentException("retryInterval must be positive");
    }
    if (shutdownGrace.isNegative()) {
      throw new IllegalArgumentException("shutdownGrace must not be negative");
    }
  }

  private static void positive(int v, String name) {
    if (v <= 0) {
      throw new IllegalArgumentException(name + " must be positive, not " + v);
    }
  }

  /** A builder with the documented defaults, spooling to {@code spoolDir}. */
  public static Builder builder(Path spoolDir) {
    return new Builder(spoolDir);
  }

  /** Collects a {@link TrapConfig}; every setter has a documented default. */
  public static final class Builder {
    private InetSocketAddress listen = new InetSocketAddress("127.0.0.1", 2525);
    private String hostname = "localhost";
    private List<String> trapDomains = List.of();
    private List<String> trapAddresses = List.of();
    private final Path spoolDir;
    private int maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;
    private int maxRecipients = 100;
    private int maxConnections = 200;
    private int maxConnectionsPerIp = 20;
    private Duration idleTimeout = Duration.ofSeconds(60);
    private Duration maxSessionTime = Duration.ofMinutes(10);
    private List<Cidr> trustedNetworks = LOOPBACK;
    private boolean proxyProtocol = false;
    private int sinkThreads = 2;
    private Duration retryInterval = Duration.ofSeconds(30);
    private Duration shutdownGrace = Duration.ofSeconds(5);

    private Builder(Path spoolDir) {
      this.spoolDir = spoolDir;
    }

    public Builder listen(InetSocketAddress v) {
      listen = v;
      return this;
    }

    public Builder hostname(String v) {
      hostname = v;
      return this;
    }

    public Builder trapDomains(List<String> v) {
      trapDomains = v;
      return this;
    }

    public Builder trapAddresses(List<String> v) {
      trapAddresses = v;
      return this;
    }

    public Builder maxMessageBytes(int v) {
      maxMessageBytes = v;
      return this;
    }

    public Builder maxRecipients(int v) {
      maxRecipients = v;
      return this;
    }

    public Builder maxConnections(int v) {
      maxConnections = v;
      return this;
    }

    public Builder maxConnectionsPerIp(int v) {
      maxConnectionsPerIp = v;
      return this;
    }

    public Builder idleTimeout(Duration v) {
      idleTimeout = v;
      return this;
    }

    public Builder maxSessionTime(Duration v) {
      maxSessionTime = v;
      return this;
    }

    public Builder trustedNetworks(List<Cidr> v) {
      trustedNetworks = v;
      return this;
    }

    public Builder proxyProtocol(boolean v) {
      proxyProtocol = v;
      return this;
    }

    public Builder sinkThreads(int v) {
      sinkThreads = v;
      return this;
    }

    public Builder retryInterval(Duration v) {
      retryInterval = v;
      return this;
    }

    public Builder shutdownGrace(Duration v) {
      shutdownGrace = v;
      return this;
    }

    public TrapConfig build() {
      return new TrapConfig(
          listen,
          hostname,
          trapDomains,
          trapAddresses,
          spoolDir,
          maxMessageBytes,
          maxRecipients,
          maxConnections,
          maxConnectionsPerIp,
          idleTimeout,
          maxSessionTime,
          trustedNetworks,
          proxyProtocol,
          sinkThreads,
          retryInterval,
          shutdownGrace);
    }
  }
}
