package org.backstop.mail;

import java.util.List;

/**
 * Reads a raw message and tells whether it is a bounce, an auto-reply or other automated mail,
 * and what it reveals of the message it refers to. Pure: bytes in, verdict out, no I/O; any
 * input gives a verdict and never an exception.
 */
public final class BounceAnalyzer {

  /** Analyses one raw message (RFC 5322 bytes, any line endings). */
  public Analysis analyze(byte[] message) {
    // Placeholder until the analyzer lands (issue 3): everything is ordinary mail.
    return Analysis.none(List.of("not-implemented"));
  }
}
