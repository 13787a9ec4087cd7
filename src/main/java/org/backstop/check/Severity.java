package org.backstop.check;

/** How bad an audit finding is, from a note to a server that must be fixed today. */
public enum Severity {
  INFO,
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL
}
