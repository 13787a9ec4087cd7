package org.backstop.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Locale;

/**
 * Reads a bounded JSON object from a request. Only {@code application/json} is accepted: a
 * cross-site form cannot send it without a CORS preflight, which is what makes the JSON API safe
 * from CSRF without a token.
 */
final class JsonBody {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  static final int MAX = 16 * 1024;

  private JsonBody() {}

  static JsonNode read(Context ctx) {
    String type = ctx.contentType();
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      throw new WebProblem(415, "send the request as application/json");
    }
    byte[] body = ctx.bodyAsBytes();
    if (body.length > MAX) {
      throw new WebProblem(413, "the request body may have at most " + MAX + " bytes");
    }
    JsonNode n;
    try {
      n = MAPPER.readTree(body);
    } catch (IOException e) {
      throw WebProblem.badRequest("the body is not valid JSON");
    }
    if (n == null || !n.isObject()) {
      throw WebProblem.badRequest("the body must be a JSON object");
    }
    return n;
  }

  /** A string field, or null when absent or not a string. */
  static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || !v.isTextual() ? null : v.asText();
  }
}
