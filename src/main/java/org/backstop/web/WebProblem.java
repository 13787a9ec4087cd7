package org.backstop.web;

/**
 * A request that cannot be served, with the HTTP status and a message fit to show the client. Route
 * handlers throw it; {@link Errors} turns it into a JSON body under {@code /api/} and an HTML page
 * elsewhere.
 */
public final class WebProblem extends RuntimeException {
  private final int status;

  public WebProblem(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  public int status() {
    return status;
  }

  public static WebProblem badRequest(String message) {
    return new WebProblem(400, message);
  }

  public static WebProblem notFound(String message) {
    return new WebProblem(404, message);
  }
}
