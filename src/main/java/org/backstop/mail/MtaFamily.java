package org.backstop.mail;

import java.util.List;
import java.util.Set;

/**
 * The wording of one MTA or mail service's non-standard bounces. A family recognises its own stock
 * sentences cheaply, then reads the failed recipients from the text.
 */
interface MtaFamily {
  /** A short name used in the evidence list, e.g. "gmail". */
  String name();

  /** True when the report is in this family's words. {@code lower} is the report in lower case. */
  boolean recognises(Mail m, String lower);

  /** The failed recipients the text names; empty when this family cannot read it after all. */
  List<Finding> read(Mail m, String report, String lower, Set<String> exclude);
}
