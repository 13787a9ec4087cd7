package org.backstop.zone;

/** A malformed line that was skipped while loading, reported as {@code file:line: message}. */
public record ParseProblem(String file, int line, String message) {
  @Override
  public String toString() {
    return file + ":" + line + ": " + message;
  }
}
