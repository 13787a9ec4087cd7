package org.backstop.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DnsjavaClientTest {

  @Test
  void parsesAddressWithAndWithoutPort() {
    assertThat(DnsjavaClient.parseServer("127.0.0.1:5353").getPort()).isEqualTo(5353);
    assertThat(DnsjavaClient.parseServer("127.0.0.1").getPort()).isEqualTo(53);
    assertThat(DnsjavaClient.parseServer("[::1]:54").getPort()).isEqualTo(54);
    assertThat(DnsjavaClient.parseServer("::1").getAddress().getHostAddress()).contains(":");
  }

  @Test
  void rejectsNamesAndBadPorts() {
    assertThatThrownBy(() -> DnsjavaClient.parseServer("dns.example:53"))
        .hasMessageContaining("IP address");
    assertThatThrownBy(() -> DnsjavaClient.parseServer("127.0.0.1:99999"))
        .hasMessageContaining("port");
    assertThatThrownBy(() -> DnsjavaClient.parseServer("[::1"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
