package org.backstop.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProviderRulesTest {
  private static String reason(String remoteMta, String address, String diagnostic) {
    Finding f = new Finding(address);
    f.remoteMta = remoteMta;
    f.diagnostic = diagnostic;
    SmtpDetails.fill(f);
    return ReasonClassifier.classify(f);
  }

  @Test
  void goDaddysIbCodesNameTheReason() {
    String d =
        "550 5.1.1 <b@z.example> - 198.51.100.225 has sent to too many recipients this hour."
            + " IB607 <http://x.co/rlbounce> (in reply to RCPT TO command)";
    assertThat(reason("smtp.secureserver.net", "b@z.example", d)).isEqualTo("toomanyconn");
    // The same words from another provider are read as usual.
    assertThat(reason("mx.other.example", "b@z.example", d)).isEqualTo("userunknown");
  }

  @Test
  void orangesCodesNameTheReasonAndUnknownOnesNone() {
    assertThat(
            reason(
                "smtpz4.laposte.net",
                "b@laposte.net",
                "554 5.7.1 <x.example>: Client host rejected: LPN000_630"))
        .isEqualTo("policyviolation");
    assertThat(
            reason(
                "smtp-in.orange.fr",
                "b@orange.fr",
                "550 mwinf5c04 ME Adresse IP source bloquee. OFR006_102 Ref http://x"))
        .isEqualTo("blocked");
    assertThat(
            reason(
                "smtpz4.laposte.net",
                "b@laposte.net",
                "421 4.2.1 Service refuse. Veuillez essayer plus tard. LPN006_107"))
        .isEqualTo("undefined");
  }

  @Test
  void spectrumsAupNumbersByRange() {
    assertThat(
            reason(
                null,
                "b@charter.net",
                "550 5.1.0 <a@y.example> sender rejected. Please see https://www.spectrum.net/"
                    + " AUP#In-1310"))
        .isEqualTo("toomanyconn");
  }

  @Test
  void mimecastAndTencentTexts() {
    assertThat(
            reason(
                "us-smtp-inbound-1.mimecast.com",
                "b@z.example",
                "554 Host network not allowed - https://community.mimecast.com/docs (in reply to"
                    + " RCPT TO command)"))
        .isEqualTo("policyviolation");
    assertThat(
            reason(
                "mx3.qq.com",
                "b@qq.example",
                "550 DMARC check failed. (in reply to end of DATA command)"))
        .isEqualTo("blocked");
  }

  @Test
  void docomoRefusesAfterDataAndKddiWithoutTheAddress() {
    assertThat(
            reason(
                "mfsmax.docomo.ne.jp",
                "b@docomo.ne.jp",
                "550 Unknown user b@docomo.ne.jp (in reply to end of DATA command)"))
        .isEqualTo("rejected");
    assertThat(reason("lsean.ezweb.ne.jp", "b@ezweb.ne.jp", "550 : User unknown"))
        .isEqualTo("filtered");
    assertThat(reason("lsean.ezweb.ne.jp", "b@ezweb.ne.jp", "550 <b@ezweb.ne.jp>: User unknown"))
        .isEqualTo("userunknown");
  }

  @Test
  void exchangeOnlineCodes() {
    assertThat(
            reason(
                "apc.olc.protection.outlook.com",
                "b@outlook.com",
                "550 5.7.509 Access denied, sending domain [Y.EXAMPLE] does not pass DMARC"
                    + " verification and has a DMARC policy of reject."))
        .isEqualTo("blocked");
    assertThat(
            reason(
                null,
                "b@z.example",
                "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address"
                    + " lookup"))
        .isEqualTo("userunknown");
  }
}
