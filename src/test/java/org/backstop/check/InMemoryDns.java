package org.backstop.check;

import java.util.concurrent.CompletableFuture;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/** A {@link DnsClient} that answers from {@link FixtureZones} without a socket (unit tests). */
final class InMemoryDns implements DnsClient {
  final FixtureZones zones;

  InMemoryDns(FixtureZones zones) {
    this.zones = zones;
  }

  @Override
  public CompletableFuture<DnsResponse> query(Name name, int type) {
    Message a = zones.answer(Message.newQuery(Record.newRecord(name, type, DClass.IN)));
    if (a == null) {
      return CompletableFuture.failedFuture(new DnsTimeoutException("dropped"));
    }
    return CompletableFuture.completedFuture(DnsResponse.of(a));
  }
}
