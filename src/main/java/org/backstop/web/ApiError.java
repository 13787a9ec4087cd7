package org.backstop.web;

/**
 * The JSON error body of every API failure, {@code {"error":"...","status":400}}: the same shape as
 * {@link ApiErrors} writes, so every endpoint fails alike.
 *
 * @param error a message for people
 * @param status the HTTP status code, repeated in the body
 */
public record ApiError(String error, int status) {

  public static ApiError of(int status, String message) {
    return new ApiError(message, status);
  }
}
