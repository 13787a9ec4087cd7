package org.backstop.web;

import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Serves the OpenAPI 3 document of the JSON API at {@code /api/openapi.json}. The document is a
 * resource written by hand, because it is the contract; a test checks that every path it names is
 * served.
 */
public final class OpenApi {
  static final String RESOURCE = "/org/backstop/web/openapi.json";

  private final byte[] document;

  public OpenApi() {
    try (InputStream in = OpenApi.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      document = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void register(Javalin app) {
    app.get(
        "/api/openapi.json", ctx -> ctx.contentType("application/json").result(document.clone()));
  }
}
