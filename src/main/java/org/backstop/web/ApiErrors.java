package org.backstop.web;

import io.javalin.http.Context;
import java.util.Map;

/** JSON error bodies for the API: {@code {"error": "...", "status": 400}}. */
final class ApiErrors {
  private ApiErrors() {}

  static void send(Context ctx, int status, String message) {
    ctx.status(status).json(Map.of("error", message, "status", status));
  }
}
