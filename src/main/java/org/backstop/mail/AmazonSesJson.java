package org.backstop.mail;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Amazon SES notifications delivered by mail (through SNS): a JSON document whose notificationType
 * is Bounce, Complaint or Delivery. Parsed with Jackson, bounded by the part size limit.
 */
final class AmazonSesJson {
  /**
   * Reads a JSON document into Jackson's tree, as {@code ObjectMapper.readTree} does (the first
   * value; later keys replace earlier ones; integers as int, long or big integer nodes, other
   * numbers as doubles). Built from Jackson's streaming parser and node factory because an
   * ObjectMapper's first construction sets up date formats and locale data: about 30 ms of CPU in a
   * run of {@code analyze}, for the rare message that is an SES notification.
   */
  private static final class Json {
    static final JsonFactory FACTORY = new JsonFactory();

    static JsonNode readTree(String json) throws java.io.IOException {
      try (JsonParser p = FACTORY.createParser(json)) {
        return p.nextToken() == null ? null : value(p, 0);
      }
    }

    private static JsonNode value(JsonParser p, int depth) throws java.io.IOException {
      if (depth > 200) {
        throw new java.io.IOException("JSON nested too deep");
      }
      JsonNodeFactory f = JsonNodeFactory.instance;
      switch (p.currentToken()) {
        case START_OBJECT -> {
          ObjectNode o = f.objectNode();
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            o.set(name, value(p, depth + 1));
          }
          return o;
        }
        case START_ARRAY -> {
          ArrayNode a = f.arrayNode();
          while (p.nextToken() != JsonToken.END_ARRAY) {
            a.add(value(p, depth + 1));
          }
          return a;
        }
        case VALUE_STRING -> {
          return f.textNode(p.getText());
        }
        case VALUE_NUMBER_INT -> {
          return switch (p.getNumberType()) {
            case INT -> f.numberNode(p.getIntValue());
            case LONG -> f.numberNode(p.getLongValue());
            default -> f.numberNode(p.getBigIntegerValue());
          };
        }
        case VALUE_NUMBER_FLOAT -> {
          return f.numberNode(p.getDoubleValue());
        }
        case VALUE_TRUE -> {
          return f.booleanNode(true);
        }
        case VALUE_FALSE -> {
          return f.booleanNode(false);
        }
        case VALUE_NULL -> {
          return f.nullNode();
        }
        default -> throw new java.io.IOException("unexpected " + p.currentToken());
      }
    }
  }

  private AmazonSesJson() {}

  /** The notification, or null when the text is not one. */
  static JsonNode find(Mail m) {
    if (!m.mayContain(TextFacts.SES_JSON)) {
      return null;
    }
    String t = m.text;
    int i = t.indexOf("{\"notificationType\"");
    if (i < 0) {
      i = t.indexOf("{\"Type\"");
      if (i < 0 || t.indexOf("notificationType") < 0) {
        return null;
      }
    }
    String json = t.substring(i, lastBrace(t, i));
    if (json.indexOf('\n') >= 0) {
      // Long lines come folded: "!" + line break + space (sendmail-style), or just a break.
      json = json.replace("!\n ", "").replace("\n", "");
    }
    try {
      JsonNode n = Json.readTree(json);
      if (n != null && n.has("Message") && n.get("Message").isTextual()) {
        n = Json.readTree(n.get("Message").asText());
      }
      return n != null && n.has("notificationType") ? n : null;
    } catch (Exception e) {
      return null;
    }
  }

  private static int lastBrace(String t, int from) {
    int end = t.indexOf("\n\n", from);
    int e = t.lastIndexOf('}', end < 0 ? t.length() : end);
    return e < from ? t.length() : e + 1;
  }

  /** The kind the notification stands for. */
  static MessageKind kind(JsonNode n) {
    return switch (n.path("notificationType").asText("")) {
      case "Complaint" -> MessageKind.FEEDBACK;
      case "Delivery" -> MessageKind.DELIVERED;
      default -> MessageKind.BOUNCE;
    };
  }

  /** The recipients the notification reports on. */
  static List<Finding> recipients(JsonNode n) {
    List<Finding> out = new ArrayList<>();
    String type = n.path("notificationType").asText("");
    switch (type) {
      case "Bounce" -> {
        for (JsonNode r : n.path("bounce").path("bouncedRecipients")) {
          Finding f = new Finding(Addresses.first(r.path("emailAddress").asText(null)));
          f.action = text(r, "action");
          f.status = StatusCodes.find(text(r, "status"));
          f.diagnostic = text(r, "diagnosticCode");
          f.remoteMta = text(n.path("bounce"), "remoteMtaIp");
          out.add(f);
        }
      }
      case "Complaint" -> {
        for (JsonNode r : n.path("complaint").path("complainedRecipients")) {
          Finding f = new Finding(Addresses.first(r.path("emailAddress").asText(null)));
          f.reason = "feedback";
          f.diagnostic = text(n.path("complaint"), "complaintFeedbackType");
          out.add(f);
        }
      }
      case "Delivery" -> {
        JsonNode d = n.path("delivery");
        for (JsonNode r : d.path("recipients")) {
          Finding f = new Finding(Addresses.first(r.asText(null)));
          f.action = "delivered";
          f.diagnostic = text(d, "smtpResponse");
          f.status = StatusCodes.find(f.diagnostic);
          f.reason = "delivered";
          f.remoteMta = text(d, "reportingMTA");
          out.add(f);
        }
      }
      default -> {}
    }
    out.removeIf(f -> f.address == null);
    return out;
  }

  /** The original message as SES describes it: source, From, Message-ID, Subject. */
  static OriginalMessage original(JsonNode n) {
    JsonNode mail = n.path("mail");
    JsonNode h = mail.path("commonHeaders");
    String from =
        h.path("from").isArray() && h.path("from").size() > 0
            ? Addresses.ofHeader(h.path("from").get(0).asText())
            : null;
    return new OriginalMessage(
        text(mail, "messageId"),
        from,
        Addresses.first(text(mail, "source")),
        text(h, "subject"),
        text(h, "date"),
        List.of());
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
