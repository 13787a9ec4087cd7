package org.backstop.web;

/**
 * The JSON error body of every API failure: {@code {"error":{"status":400,"message":"..."}}}.
 *
 * @param error the status and message
 */
public record ApiError(Detail error) {

  /** The status code repeated in the body, and a message for people. */
  public record Detail(int status, String message) {}

  public static ApiError of(int status, String message) {
    return new ApiError(new Detail(status, message));
  }
}
