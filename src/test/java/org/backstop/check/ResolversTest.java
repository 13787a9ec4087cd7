package org.backstop.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ResolversTest {

  @Test
  void parsesAddressWithAndWithoutPort() {
    assertThat(Resolvers.parse("127.0.0.1:5353").getPort()).isEqualTo(5353);
    assertThat(Resolvers.parse("127.0.0.1").getPort()).isEqualTo(53);
    assertThat(Resolvers.parse("[::1]:54").getPort()).isEqualTo(54);
    assertThat(Resolvers.parse("::1").getAddress().getHostAddress()).contains(":");
  }

  @Test
  void rejectsNamesAndBadPorts() {
    assertThatThrownBy(() -> Resolvers.parse("dns.example:53")).hasMessageContaining("IP address");
    assertThatThrownBy(() -> Resolvers.parse("127.0.0.1:99999")).hasMessageContaining("port");
    assertThatThrownBy(() -> Resolvers.parse("[::1")).isInstanceOf(IllegalArgumentException.class);
  }
}
