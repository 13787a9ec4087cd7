package org.backstop.mail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Finds which of many fixed phrases occur in a text, in one pass (Aho-Corasick, as a DFA over the
 * characters the phrases use). Each phrase belongs to one of at most 64 groups; {@link #mask}
 * answers for all groups at once exactly what {@code text.contains(phrase)} over every phrase would
 * answer. Hand-written because it is the analyzer's hottest loop (the reason words are hundreds of
 * phrases tried against each diagnostic) and must not allocate per call; the library tries allocate
 * match objects and box characters.
 */
final class Phrases {
  private final int classes;
  private final byte[] asciiClass = new byte[128];
  private final char[] otherChars;

  /** The class of each Latin-1 character, for the byte loops. */
  private final int[] latin1Class = new int[256];

  /**
   * The transitions, by state row (state number times {@link #classes}) plus character class. Each
   * entry is the next state's row, with the sign bit set when that state ends a phrase: the loops
   * then read the (rare) output only on a match instead of at every character.
   */
  private final int[] delta;

  private final long[] out;

  /**
   * Each group's phrase length when every group is one phrase (see {@link #earliest}), else null.
   */
  private final int[] lengths;

  private final int longest;

  /** The length of the longest phrase of any group. */
  private final int maxLength;

  private Phrases(List<String[]> groups) {
    if (groups.size() > 64) {
      throw new IllegalArgumentException("at most 64 groups");
    }
    // Built with plain arrays: this runs at start-up, in the interpreter, for 500-odd phrases.
    BitSet used = new BitSet();
    int chars = 0;
    for (String[] g : groups) {
      for (String w : g) {
        chars += w.length();
        for (int i = 0; i < w.length(); i++) {
          used.set(w.charAt(i));
        }
      }
    }
    // Class 0 is every character no phrase uses; ASCII by table, the rest by binary search.
    int next = 1;
    for (int c = used.nextSetBit(0); c >= 0 && c < 128; c = used.nextSetBit(c + 1)) {
      asciiClass[c] = (byte) next++;
    }
    otherChars = new char[used.cardinality() - (next - 1)];
    for (int c = used.nextSetBit(128), i = 0; c >= 0; c = used.nextSetBit(c + 1)) {
      otherChars[i++] = (char) c;
    }
    classes = next + otherChars.length;

    // Plain loops, no streams: lambdas cost start-up time on this path.
    int[] lens = new int[groups.size()];
    boolean single = true;
    int max = 0;
    for (int g = 0; g < groups.size(); g++) {
      String[] phrases = groups.get(g);
      single &= phrases.length == 1 && !phrases[0].isEmpty();
      lens[g] = phrases.length == 1 ? phrases[0].length() : 0;
      max = Math.max(max, lens[g]);
    }
    lengths = single ? lens : null;
    longest = max;
    int maxLen = 0;
    for (String[] g : groups) {
      for (String w : g) {
        maxLen = Math.max(maxLen, w.length());
      }
    }
    maxLength = maxLen;

    // The trie, as first-child and next-sibling links; state 0 is the root.
    int[] firstChild = new int[chars + 1];
    int[] nextSibling = new int[chars + 1];
    int[] edge = new int[chars + 1];
    long[] own = new long[chars + 1];
    int n = 1;
    for (int g = 0; g < groups.size(); g++) {
      for (String w : groups.get(g)) {
        int s = 0;
        for (int i = 0; i < w.length(); i++) {
          int c = classOf(w.charAt(i));
          int t = firstChild[s];
          while (t != 0 && edge[t] != c) {
            t = nextSibling[t];
          }
          if (t == 0) {
            t = n++;
            edge[t] = c;
            nextSibling[t] = firstChild[s];
            firstChild[s] = t;
          }
          s = t;
        }
        own[s] |= 1L << g;
      }
    }

    // Breadth first: each state's row is its failure state's row with its own children on top.
    delta = new int[n * classes];
    out = new long[n];
    int[] fail = new int[n];
    int[] queue = new int[n];
    int head = 0;
    int tail = 0;
    out[0] = own[0];
    for (int t = firstChild[0]; t != 0; t = nextSibling[t]) {
      delta[edge[t]] = t;
      queue[tail++] = t;
    }
    while (head < tail) {
      int s = queue[head++];
      out[s] = own[s] | out[fail[s]];
      int row = s * classes;
      int failRow = fail[s] * classes;
      System.arraycopy(delta, failRow, delta, row, classes);
      for (int t = firstChild[s]; t != 0; t = nextSibling[t]) {
        fail[t] = delta[failRow + edge[t]];
        delta[row + edge[t]] = t;
        queue[tail++] = t;
      }
    }
    for (int i = 0; i < delta.length; i++) {
      int t = delta[i];
      delta[i] = t * classes | (out[t] != 0 ? Integer.MIN_VALUE : 0);
    }
    for (int c = 0; c < 256; c++) {
      latin1Class[c] = classOf((char) c);
    }
  }

  /** Phrases in groups: bit {@code i} of {@link #mask} stands for {@code groups.get(i)}. */
  static Phrases of(List<String[]> groups) {
    return new Phrases(groups);
  }

  /** One group of phrases, for {@link #in}. */
  static Phrases of(String[] phrases) {
    return new Phrases(List.<String[]>of(phrases));
  }

  private int classOf(char c) {
    if (c < 128) {
      return asciiClass[c];
    }
    int i = Arrays.binarySearch(otherChars, c);
    return i < 0 ? 0 : classes - otherChars.length + i;
  }

  /**
   * The text's characters as Latin-1 bytes, or null when it has a character beyond Latin-1 (then
   * {@link String#getBytes} would have written a '?' for it). The copy is one array copy for the
   * usual Latin-1 string, and a loop over bytes costs C1 much less than one over {@code charAt}.
   */
  private static byte[] latin1(String text) {
    byte[] b = text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    for (int q = Bytes.indexOf(b, 0, b.length, (byte) '?');
        q >= 0;
        q = Bytes.indexOf(b, q + 1, b.length, (byte) '?')) {
      if (text.charAt(q) != '?') {
        return null;
      }
    }
    return b;
  }

  /** The state number of a row value of {@link #delta} (sign bit cleared). */
  private int state(int row) {
    return (row & Integer.MAX_VALUE) / classes;
  }

  /** The groups that have a phrase in {@code text}, as bits. */
  long mask(String text) {
    byte[] b = latin1(text);
    if (b != null) {
      return b.length >= TWO_STREAMS ? maskInHalves(b) : mask(b, 0, b.length, 0, out[0]);
    }
    long m = out[0];
    int[] d = delta;
    int s = 0;
    for (int i = 0, n = text.length(); i < n; i++) {
      s = d[s + classOf(text.charAt(i))];
      if (s < 0) {
        s &= Integer.MAX_VALUE;
        m |= out[state(s)];
      }
    }
    return m;
  }

  /** Texts at least this long are read as two streams at once (see {@link #maskInHalves}). */
  private static final int TWO_STREAMS = 256;

  /**
   * {@link #mask} over bytes {@code [from, to)}, from the state whose row is {@code s} (0: the
   * root), ORed into {@code m}.
   */
  private long mask(byte[] b, int from, int to, int s, long m) {
    int[] d = delta;
    int[] cls = latin1Class;
    for (int i = from; i < to; i++) {
      s = d[s + cls[b[i] & 0xff]];
      if (s < 0) {
        s &= Integer.MAX_VALUE;
        m |= out[state(s)];
      }
    }
    return m;
  }

  /**
   * {@link #mask} as two automata stepping side by side: one over the first half (and as far past
   * it as the longest phrase reaches), one from the middle to the end. Each step of one automaton
   * waits for its previous table load; two independent ones overlap those waits, which nearly
   * halves the time of this, the analyzer's longest loop. Every occurrence lies wholly in one of
   * the two ranges, so the answer is the same.
   */
  private long maskInHalves(byte[] b) {
    int n = b.length;
    int mid = n / 2;
    int aEnd = Math.min(n, mid + maxLength - 1);
    int common = Math.min(aEnd, n - mid);
    int[] d = delta;
    int[] cls = latin1Class;
    long m = out[0];
    int sa = 0;
    int sb = 0;
    for (int i = 0, j = mid; i < common; i++, j++) {
      sa = d[sa + cls[b[i] & 0xff]];
      sb = d[sb + cls[b[j] & 0xff]];
      if (sa < 0) {
        sa &= Integer.MAX_VALUE;
        m |= out[state(sa)];
      }
      if (sb < 0) {
        sb &= Integer.MAX_VALUE;
        m |= out[state(sb)];
      }
    }
    m = mask(b, common, aEnd, sa, m);
    return mask(b, mid + common, n, sb, m);
  }

  /** Each phrase a group of its own, for {@link #earliest}. */
  static Phrases each(String... phrases) {
    List<String[]> groups = new ArrayList<>(phrases.length);
    for (String p : phrases) {
      groups.add(new String[] {p});
    }
    return new Phrases(groups);
  }

  /**
   * The index of the phrase that starts first in {@code text} (the lower index when two start at
   * the same place), or -1; for phrases made by {@link #each}. Reads no further than the longest
   * phrase past the first match.
   */
  int earliest(String text) {
    if (lengths == null) {
      throw new IllegalStateException("earliest() needs one phrase per group");
    }
    int bestStart = Integer.MAX_VALUE;
    int best = -1;
    int s = 0;
    int[] d = delta;
    for (int i = 0, n = text.length(); i < n && i + 1 - longest <= bestStart; i++) {
      s = d[s + classOf(text.charAt(i))];
      if (s >= 0) {
        continue;
      }
      s &= Integer.MAX_VALUE;
      long m = out[state(s)];
      while (m != 0) {
        int g = Long.numberOfTrailingZeros(m);
        m &= m - 1;
        int start = i + 1 - lengths[g];
        if (start < bestStart || start == bestStart && g < best) {
          bestStart = start;
          best = g;
        }
      }
    }
    return best;
  }

  /** Whether any phrase occurs in {@code text}; stops at the first. */
  boolean in(String text) {
    if (out[0] != 0) {
      return true;
    }
    byte[] b = latin1(text);
    int[] d = delta;
    int s = 0;
    if (b != null) {
      int[] cls = latin1Class;
      for (byte c : b) {
        s = d[s + cls[c & 0xff]];
        if (s < 0) {
          return true;
        }
      }
      return false;
    }
    for (int i = 0, n = text.length(); i < n; i++) {
      s = d[s + classOf(text.charAt(i))];
      if (s < 0) {
        return true;
      }
    }
    return false;
  }
}
