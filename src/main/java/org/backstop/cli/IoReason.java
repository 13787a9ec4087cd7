package org.backstop.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * What went wrong with a file, in words. The JDK's file exceptions carry the path as their message
 * ("/x: /x" once the path is printed before it); their type or their reason says what happened.
 */
final class IoReason {
  private IoReason() {}

  /** The reason, such as "no such file or directory" or "permission denied". */
  static String of(Exception e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return String.valueOf(e.getMessage());
  }
}
