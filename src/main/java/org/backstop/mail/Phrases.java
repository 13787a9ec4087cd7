package org.backstop.mail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

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
  private final int[] delta;
  private final long[] out;

  private Phrases(List<String[]> groups) {
    if (groups.size() > 64) {
      throw new IllegalArgumentException("at most 64 groups");
    }
    TreeSet<Character> alphabet = new TreeSet<>();
    for (String[] g : groups) {
      for (String w : g) {
        for (int i = 0; i < w.length(); i++) {
          alphabet.add(w.charAt(i));
        }
      }
    }
    // Class 0 is every character no phrase uses; ASCII by table, the rest by binary search.
    List<Character> other = new ArrayList<>();
    int next = 1;
    for (char c : alphabet) {
      if (c < 128) {
        asciiClass[c] = (byte) next++;
      } else {
        other.add(c);
      }
    }
    otherChars = new char[other.size()];
    for (int i = 0; i < otherChars.length; i++) {
      otherChars[i] = other.get(i);
    }
    int asciiClasses = next;
    classes = asciiClasses + otherChars.length;
    if (asciiClasses > 127) {
      throw new IllegalStateException("too many ASCII classes");
    }

    // The trie.
    List<Map<Integer, Integer>> children = new ArrayList<>();
    List<Long> outputs = new ArrayList<>();
    children.add(new HashMap<>());
    outputs.add(0L);
    for (int g = 0; g < groups.size(); g++) {
      for (String w : groups.get(g)) {
        int s = 0;
        for (int i = 0; i < w.length(); i++) {
          int c = classOf(w.charAt(i));
          Integer t = children.get(s).get(c);
          if (t == null) {
            t = children.size();
            children.add(new HashMap<>());
            outputs.add(0L);
            children.get(s).put(c, t);
          }
          s = t;
        }
        outputs.set(s, outputs.get(s) | (1L << g));
      }
    }

    // Breadth first: each state's row is its failure state's row with its own children on top.
    int n = children.size();
    delta = new int[n * classes];
    out = new long[n];
    int[] fail = new int[n];
    int[] queue = new int[n];
    int head = 0;
    int tail = 0;
    out[0] = outputs.get(0);
    for (Map.Entry<Integer, Integer> e : children.get(0).entrySet()) {
      delta[e.getKey()] = e.getValue();
      queue[tail++] = e.getValue();
    }
    while (head < tail) {
      int s = queue[head++];
      out[s] = outputs.get(s) | out[fail[s]];
      System.arraycopy(delta, fail[s] * classes, delta, s * classes, classes);
      for (Map.Entry<Integer, Integer> e : children.get(s).entrySet()) {
        int c = e.getKey();
        int t = e.getValue();
        fail[t] = delta[fail[s] * classes + c];
        delta[s * classes + c] = t;
        queue[tail++] = t;
      }
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

  /** The groups that have a phrase in {@code text}, as bits. */
  long mask(String text) {
    long m = out[0];
    int s = 0;
    int[] d = delta;
    long[] o = out;
    int k = classes;
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      s = d[s * k + (c < 128 ? asciiClass[c] : classOf(c))];
      m |= o[s];
    }
    return m;
  }

  /** Whether any phrase occurs in {@code text}; stops at the first. */
  boolean in(String text) {
    if (out[0] != 0) {
      return true;
    }
    int s = 0;
    int[] d = delta;
    int k = classes;
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      s = d[s * k + (c < 128 ? asciiClass[c] : classOf(c))];
      if (out[s] != 0) {
        return true;
      }
    }
    return false;
  }
}
