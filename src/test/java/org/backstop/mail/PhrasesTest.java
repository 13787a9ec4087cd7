package org.backstop.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PhrasesTest {
  /** What the automaton must answer: String.contains over every phrase of every group. */
  private static long naive(List<String[]> groups, String text) {
    long m = 0;
    for (int g = 0; g < groups.size(); g++) {
      for (String w : groups.get(g)) {
        if (text.contains(w)) {
          m |= 1L << g;
        }
      }
    }
    return m;
  }

  @Test
  void overlappingAndNestedPhrasesAreAllFound() {
    List<String[]> groups =
        List.of(new String[] {"he"}, new String[] {"she", "hers"}, new String[] {"his"});
    Phrases p = Phrases.of(groups);
    assertThat(p.mask("ushers")).isEqualTo(0b011);
    assertThat(p.mask("this")).isEqualTo(0b100);
    assertThat(p.mask("shis")).isEqualTo(0b100);
    assertThat(p.mask("")).isZero();
    assertThat(p.mask("xyz")).isZero();
    assertThat(Phrases.of(new String[] {"ディレクトリ"}).in("domino ディレクトリには")).isTrue();
    assertThat(Phrases.of(new String[] {"ディレクトリ"}).in("ディレク")).isFalse();
  }

  @Test
  void agreesWithContainsOnRandomText() {
    Random r = new Random(42);
    String alphabet = "abcab é日本 ?\n";
    for (int round = 0; round < 200; round++) {
      List<String[]> groups = new ArrayList<>();
      for (int g = 0, n = 1 + r.nextInt(8); g < n; g++) {
        String[] words = new String[1 + r.nextInt(4)];
        for (int w = 0; w < words.length; w++) {
          words[w] = random(r, alphabet, 1 + r.nextInt(5));
        }
        groups.add(words);
      }
      Phrases p = Phrases.of(groups);
      for (int t = 0; t < 50; t++) {
        String text = random(r, alphabet + "xyz", r.nextInt(60));
        long want = naive(groups, text);
        assertThat(p.mask(text)).as("%s in %s", text, groups).isEqualTo(want);
        assertThat(Phrases.of(groups.get(0)).in(text)).isEqualTo((want & 1) != 0);
      }
    }
  }

  @Test
  void longTextsReadInTwoHalvesFindPhrasesAcrossTheMiddle() {
    List<String[]> groups =
        List.of(new String[] {"across the middle"}, new String[] {"end"}, new String[] {"x"});
    Phrases p = Phrases.of(groups);
    for (int at = 0; at < 600; at += 7) {
      StringBuilder sb = new StringBuilder("y".repeat(600));
      sb.replace(at, at + 17, "across the middle");
      String text = sb.toString();
      assertThat(p.mask(text)).as("at %d", at).isEqualTo(naive(groups, text));
      assertThat(p.mask(text + "end")).isEqualTo(naive(groups, text + "end"));
    }
    Random r = new Random(3);
    for (int t = 0; t < 300; t++) {
      String text = random(r, "acdeilmnorsthx ", 256 + r.nextInt(300));
      assertThat(p.mask(text)).isEqualTo(naive(groups, text));
    }
  }

  @Test
  void reasonWordsAgreeWithContains() {
    Random r = new Random(7);
    List<String> all = new ArrayList<>();
    ReasonWords.TABLE.values().forEach(ws -> all.addAll(List.of(ws)));
    for (int t = 0; t < 500; t++) {
      StringBuilder sb = new StringBuilder();
      for (int k = r.nextInt(4); k >= 0; k--) {
        String w = all.get(r.nextInt(all.size()));
        // Whole phrases, cut phrases and noise between them.
        sb.append(r.nextBoolean() ? w : w.substring(0, r.nextInt(w.length() + 1)));
        sb.append(random(r, "ab :.-", r.nextInt(4)));
      }
      String text = sb.toString();
      for (Map.Entry<String, String[]> e : ReasonWords.TABLE.entrySet()) {
        boolean want = naive(List.<String[]>of(e.getValue()), text) != 0;
        assertThat(ReasonClassifier.says(e.getKey(), text))
            .as(e.getKey() + " in " + text)
            .isEqualTo(want);
      }
    }
    assertThat(ReasonClassifier.says("no-such-reason", "mailbox full")).isFalse();
    assertThat(ReasonClassifier.says("mailboxfull", "")).isFalse();
  }

  @Test
  void tooManyGroupsAreRefused() {
    List<String[]> groups = new ArrayList<>();
    for (int i = 0; i < 65; i++) {
      groups.add(new String[] {"w" + i});
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Phrases.of(groups))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static String random(Random r, String alphabet, int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  @Test
  void earliestNamesThePhraseThatStartsFirst() {
    Phrases p = Phrases.each("after data", "data", "in reply to rcpt to", "rcpt to");
    assertThat(p.earliest("550 no such user (in reply to rcpt to command)")).isEqualTo(2);
    assertThat(p.earliest("rcpt to: after data")).isEqualTo(3);
    assertThat(p.earliest("after data")).isEqualTo(0);
    assertThat(p.earliest("nothing here")).isEqualTo(-1);
    assertThat(p.earliest("")).isEqualTo(-1);
  }

  @Test
  void earliestAgreesWithIndexOfOnRandomText() {
    String[] words = {"ab", "abc", "b", "bca", "cab", "aa"};
    Phrases p = Phrases.each(words);
    Random r = new Random(3);
    for (int t = 0; t < 2000; t++) {
      StringBuilder sb = new StringBuilder();
      for (int i = r.nextInt(30); i > 0; i--) {
        sb.append((char) ('a' + r.nextInt(3)));
      }
      String text = sb.toString();
      int best = -1;
      int bestAt = Integer.MAX_VALUE;
      for (int w = 0; w < words.length; w++) {
        int at = text.indexOf(words[w]);
        if (at >= 0 && at < bestAt) {
          bestAt = at;
          best = w;
        }
      }
      assertThat(p.earliest(text)).as(text).isEqualTo(best);
    }
  }
}
