package org.backstop.trap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.backstop.net.IpAddress;
import org.junit.jupiter.api.Test;

class TrapConfigTest {
  private final TrapConfig.Builder b =
      TrapConfig.builder(Path.of("spool")).trapDomains(List.of("Trap.Example."));

  @Test
  void defaultsAreTheDocumentedOnes() {
    TrapConfig c = b.build();
    assertThat(c.listen().getPort()).isEqualTo(2525);
    assertThat(c.maxMessageBytes()).isEqualTo(10 * 1024 * 1024);
    assertThat(c.trapDomains()).containsExactly("trap.example");
    assertThat(c.proxyProtocol()).isFalse();
    assertThat(c.trustedNetworks()).anyMatch(n -> n.contains(IpAddress.parse("127.0.0.1")));
    assertThat(c.trustedNetworks()).anyMatch(n -> n.contains(IpAddress.parse("::1")));
    assertThat(c.trustedNetworks()).noneMatch(n -> n.contains(IpAddress.parse("192.0.2.1")));
  }

  @Test
  void aTrapWithoutTrapsIsRefused() {
    assertThatThrownBy(() -> TrapConfig.builder(Path.of("s")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("trap domain");
  }

  @Test
  void limitsMustBePositive() {
    assertThatThrownBy(() -> b.maxMessageBytes(0).build()).hasMessageContaining("maxMessageBytes");
    assertThatThrownBy(() -> b.maxMessageBytes(1).maxRecipients(-1).build())
        .hasMessageContaining("maxRecipients");
    assertThatThrownBy(() -> b.maxRecipients(1).idleTimeout(Duration.ZERO).build())
        .hasMessageContaining("idleTimeout");
  }
}
