package org.backstop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.backstop.listing.EvidenceKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServeSettingsTest {
  @TempDir Path dir;

  private ServeSettings parse(String... args) throws Exception {
    ServeCommand cmd = new ServeCommand();
    new CommandLine(cmd).parseArgs(args);
    return cmd.settings();
  }

  @Test
  void noArgumentsGiveTheEmbeddedDefaults() throws Exception {
    ServeSettings s = parse();
    assertThat(s.dns()).hasToString("127.0.0.1:5353");
    assertThat(s.smtp()).hasToString("127.0.0.1:2525");
    assertThat(s.http()).hasToString("127.0.0.1:8080");
    assertThat(s.zone()).isEqualTo("bl.backstop.local");
    assertThat(s.trapDomains()).containsExactly("trap.backstop.local");
    assertThat(s.jdbcUrl()).startsWith("jdbc:sqlite:").endsWith("data/backstop.db");
    assertThat(s.policy().expiry()).isEqualTo(Duration.ofDays(28));
    assertThat(s.policy().requiredReporters()).isEqualTo(2);
    assertThat(s.txtTemplate())
        .isEqualTo("Listed for sending backscatter, see http://127.0.0.1:8080/lookup?ip=$");
  }

  @Test
  void flagsOverrideTheConfigFileWhichOverridesDefaults() throws Exception {
    Path f = dir.resolve("backstop.properties");
    Files.writeString(
        f,
        String.join(
            "\n",
            "# comment",
            "zone = bl.example.org",
            "trap-domains = a.example, b.example",
            "dns-listen = [::1]:53",
            "http-listen = 127.0.0.1:9090",
            "policy.expiry-days = 7",
            "policy.listing-kinds = bounce, callout",
            "public-url = https://bl.example.org/"));
    ServeSettings s =
        parse(
            "--config",
            f.toString(),
            "--zone",
            "bl.flag.example",
            "--trap-domain",
            "t1.example",
            "--trap-domain",
            "t2.example",
            "--data",
            dir.toString());
    assertThat(s.zone()).isEqualTo("bl.flag.example");
    assertThat(s.trapDomains()).containsExactly("t1.example", "t2.example");
    assertThat(s.dns().host()).isEqualTo("::1");
    assertThat(s.dns().port()).isEqualTo(53);
    assertThat(s.http().port()).isEqualTo(9090);
    assertThat(s.policy().expiry()).isEqualTo(Duration.ofDays(7));
    assertThat(s.policy().listingKinds())
        .containsExactlyInAnyOrder(EvidenceKind.BOUNCE, EvidenceKind.CALLOUT);
    assertThat(s.jdbcUrl()).isEqualTo("jdbc:sqlite:" + dir.resolve("backstop.db").toAbsolutePath());
    assertThat(s.txtTemplate()).endsWith("https://bl.example.org/lookup?ip=$");
  }

  @Test
  void mistakesInTheConfigFileAreReported() throws Exception {
    Path f = dir.resolve("bad.properties");
    Files.writeString(f, "zone = x\ndns-listn = 127.0.0.1:53\n");
    assertThatThrownBy(() -> parse("--config", f.toString()))
        .hasMessageContaining("unknown keys [dns-listn]");
    Files.writeString(f, "policy.expiry-days = soon\n");
    assertThatThrownBy(() -> parse("--config", f.toString()))
        .hasMessageContaining("policy.expiry-days");
    Files.writeString(f, "policy.listing-kinds = bounce, nonsense\n");
    assertThatThrownBy(() -> parse("--config", f.toString()))
        .hasMessageContaining("policy.listing-kinds");
  }

  @Test
  void listenAddressesAreLiteralAddressesWithPorts() {
    assertThat(HostPort.parse("[2001:db8::1]:5353").toString()).isEqualTo("[2001:db8::1]:5353");
    for (String bad :
        List.of("localhost:53", "127.0.0.1", "::1:53", "127.0.0.1:70000", "127.0.0.1:x", ":53")) {
      assertThatThrownBy(() -> HostPort.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
