package org.backstop.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.backstop.net.Cidr;
import org.backstop.net.IpAddress;
import org.junit.jupiter.api.Test;

class DnsblCatalogTest {

  private final List<DnsblList> lists = DnsblCatalog.builtIn().lists();

  @Test
  void shipsAtLeastFiftyListsWithUniqueZones() {
    assertThat(lists).hasSizeGreaterThanOrEqualTo(50);
    Set<String> zones = new HashSet<>();
    lists.forEach(l -> assertThat(zones.add(l.zone())).as(l.zone()).isTrue());
  }

  @Test
  void coversIpv4Ipv6AndDomainLists() {
    assertThat(lists.stream().filter(l -> l.targets().contains(TargetKind.DOMAIN)).count())
        .isGreaterThanOrEqualTo(10);
    assertThat(lists.stream().filter(l -> l.targets().contains(TargetKind.IPV6)).count())
        .isGreaterThanOrEqualTo(5);
  }

  @Test
  void everyListHasARemovalPageAndCodesInLoopback() {
    Cidr loopback = Cidr.parse("127.0.0.0/8");
    for (DnsblList l : lists) {
      assertThat(l.removal()).as(l.zone()).startsWith("http");
      assertThat(l.codes()).as(l.zone()).isNotEmpty();
      for (String code : l.codes().keySet()) {
        for (String part : code.split("-")) {
          assertThat(loopback.contains(IpAddress.parse(part))).as(l.zone() + " " + code).isTrue();
        }
      }
      l.refused().keySet().forEach(c -> assertThat(IpAddress.parse(c).isV4()).isTrue());
    }
  }

  @Test
  void spamhausRefusesPublicResolversWithItsErrorCode() {
    DnsblList zen = find("zen.spamhaus.org");
    assertThat(zen.publicResolversRefused()).isTrue();
    assertThat(zen.refusal(IpAddress.parse("127.255.255.254"))).contains("public");
    assertThat(zen.meaning(IpAddress.parse("127.0.0.4"))).startsWith("XBL");
  }

  @Test
  void addedZonesKeepCatalogMeaningsAndNewZonesAreCustom() {
    DnsblCatalog c = DnsblCatalog.empty().plus(List.of("ZEN.spamhaus.org", "bl.example.test"));
    assertThat(c.lists())
        .extracting(DnsblList::zone)
        .containsExactly("zen.spamhaus.org", "bl.example.test");
    assertThat(c.lists().get(0).refused()).isNotEmpty();
    assertThat(c.lists().get(1).targets()).contains(TargetKind.DOMAIN, TargetKind.IPV4);
  }

  private DnsblList find(String zone) {
    return lists.stream().filter(l -> l.zone().equals(zone)).findFirst().orElseThrow();
  }
}
