package org.backstop.mail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link ReasonWords#TABLE} as one {@link Phrases} automaton: the first question about a text finds
 * every reason's phrases in it in one pass, and the answer is kept (per thread) for the next
 * questions about the same text, as {@link ReasonClassifier} asks about a dozen reasons in turn.
 */
final class ReasonPhrases {
  private ReasonPhrases() {}

  private static final Map<String, Integer> BIT = new HashMap<>();
  private static final Phrases PHRASES;

  /** Words that decide a reason on their own, asked about by name; found in the same pass. */
  static final String CERTAIN_USERUNKNOWN = "words:certain-userunknown";

  static final String DNS_ERROR = "words:dns-error";
  static final String ACCESS_DENIED = "words:access-denied";
  static final String EXCHANGE_RESOLVER = "words:exchange-resolver";

  static {
    List<String[]> groups = new ArrayList<>();
    for (Map.Entry<String, String[]> e : ReasonWords.TABLE.entrySet()) {
      BIT.put(e.getKey(), groups.size());
      groups.add(e.getValue());
    }
    Map<String, String[]> words =
        Map.of(
            CERTAIN_USERUNKNOWN, ReasonWords.CERTAIN_USERUNKNOWN,
            DNS_ERROR, new String[] {"dns error"},
            ACCESS_DENIED, new String[] {"access denied"},
            EXCHANGE_RESOLVER, new String[] {"resolver.adr."});
    for (Map.Entry<String, String[]> e : words.entrySet()) {
      BIT.put(e.getKey(), groups.size());
      groups.add(e.getValue());
    }
    PHRASES = Phrases.of(groups);
  }

  /** The last text asked about on this thread, and its reasons. */
  private static final class Last {
    String text;
    long mask;
  }

  private static final ThreadLocal<Last> LAST = ThreadLocal.withInitial(Last::new);

  /** Whether the lower-case text contains a phrase of that reason (or of those named words). */
  static boolean says(String reason, String lowerText) {
    Integer bit = BIT.get(reason);
    if (bit == null || lowerText.isEmpty()) {
      return false;
    }
    Last last = LAST.get();
    if (last.text != lowerText) {
      last.mask = PHRASES.mask(lowerText);
      last.text = lowerText;
    }
    return (last.mask & (1L << bit)) != 0;
  }
}
