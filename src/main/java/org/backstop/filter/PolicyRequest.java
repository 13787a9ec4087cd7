package org.backstop.filter;

import java.util.Locale;
import java.util.Map;

/**
 * One Postfix SMTP access policy delegation request: the {@code name=value} attributes of
 * SMTPD_POLICY_README (request, protocol_state, client_address, sender, recipient, ...).
 */
public record PolicyRequest(Map<String, String> attributes) {
  public PolicyRequest {
    attributes = Map.copyOf(attributes);
  }

  public String get(String name) {
    return attributes.getOrDefault(name, "");
  }

  /** The SMTP stage: CONNECT, EHLO, HELO, MAIL, RCPT, DATA, END-OF-MESSAGE, VRFY or ETRN. */
  public String protocolState() {
    return get("protocol_state").toUpperCase(Locale.ROOT);
  }

  public String sender() {
    return get("sender");
  }

  public String recipient() {
    return get("recipient");
  }

  public String clientAddress() {
    return get("client_address");
  }

  public String saslUsername() {
    return get("sasl_username");
  }
}
