/**
 * The authoritative DNSBL server: a hand-written query fast path ({@link
 * org.backstop.dns.QueryHandler}), UDP and TCP listeners with AXFR and NOTIFY ({@link
 * org.backstop.dns.DnsServer}), atomic snapshot swaps ({@link org.backstop.dns.ZoneRegistry}), file
 * reloads ({@link org.backstop.dns.ZoneWatcher}) and metrics. Depends on {@code org.backstop.zone}
 * and {@code org.backstop.net}.
 */
package org.backstop.dns;
