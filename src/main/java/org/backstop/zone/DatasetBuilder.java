package org.backstop.zone;

import org.backstop.zone.EntrySyntax.SyntaxError;

/** Turns parsed rbldnsd lines into one dataset; one adapter per dataset type. */
interface DatasetBuilder {

  void ttl(int seconds);

  void defaultValue(Value v);

  /**
   * Adds one entry line.
   *
   * @param token the entry without its leading {@code !}
   * @param value the entry's value, or null for an exclusion
   */
  void entry(String token, Value value) throws SyntaxError;

  long size();

  Dataset build();

  /**
   * Adds a single IPv4 address line without parsing text: the loader's fast path for the
   * million-line files of plain addresses. False when this dataset type takes no IPv4 addresses.
   */
  default boolean host4(int address, Value value) {
    return false;
  }

  /** The adapter for a dataset type (not {@code combined}, which nests these). */
  static DatasetBuilder of(DatasetType type, int ttl) {
    return switch (type) {
      case IP4SET, IP4TSET -> ip4set(type, ttl);
      case IP4TRIE -> ip4trie(ttl);
      case IP6TRIE -> ip6trie(ttl);
      case IP6TSET -> ip6tset(ttl);
      case DNSET -> dnset(ttl);
      case COMBINED -> throw new IllegalArgumentException("combined datasets cannot be nested");
    };
  }

  private static DatasetBuilder ip4set(DatasetType type, int ttl) {
    Ip4Set.Builder b = new Ip4Set.Builder(type, ttl);
    boolean trivial = type == DatasetType.IP4TSET;
    return new Adapter(b::ttl, b::defaultValue, b::size, b::build) {
      @Override
      public void entry(String token, Value value) throws SyntaxError {
        if (trivial) {
          if (value == null) {
            throw new SyntaxError("invalid address");
          }
          long a = EntrySyntax.ip4Single(token) & 0xFFFF_FFFFL;
          b.addRange(a, a, null == value ? null : currentDefault());
          return;
        }
        long[] r = EntrySyntax.ip4Range(token, true);
        b.addRange(r[0], r[1], value);
      }

      @Override
      public boolean host4(int address, Value value) {
        long a = address & 0xFFFF_FFFFL;
        b.addRange(a, a, trivial ? currentDefault() : value);
        return true;
      }
    };
  }

  private static DatasetBuilder ip4trie(int ttl) {
    Ip4Trie.Builder b = new Ip4Trie.Builder(ttl);
    return new Adapter(b::ttl, b::defaultValue, b::size, b::build) {
      @Override
      public void entry(String token, Value value) throws SyntaxError {
        long[] c = EntrySyntax.ip4Cidr(token);
        b.add((int) c[0], (int) c[1], value);
      }

      @Override
      public boolean host4(int address, Value value) {
        b.add(address, 32, value);
        return true;
      }
    };
  }

  private static DatasetBuilder ip6trie(int ttl) {
    Ip6Trie.Builder b = new Ip6Trie.Builder(ttl);
    return new Adapter(b::ttl, b::defaultValue, b::size, b::build) {
      @Override
      public void entry(String token, Value value) throws SyntaxError {
        long[] c = EntrySyntax.ip6(token);
        b.add(c[0], c[1], (int) c[2], value);
      }
    };
  }

  private static DatasetBuilder ip6tset(int ttl) {
    Ip6TSet.Builder b = new Ip6TSet.Builder(ttl);
    return new Adapter(b::ttl, b::defaultValue, b::size, b::build) {
      @Override
      public void entry(String token, Value value) throws SyntaxError {
        long[] c = EntrySyntax.ip6(token);
        if (value == null) {
          if (c[2] != 128) {
            throw new SyntaxError("invalid exclusion (not a single address)");
          }
          b.exclude(c[0], c[1]);
        } else {
          if (c[2] != 64) {
            throw new SyntaxError("invalid address (ip6tset wants a /64)");
          }
          b.add(c[0]);
        }
      }
    };
  }

  private static DatasetBuilder dnset(int ttl) {
    DnSet.Builder b = new DnSet.Builder(ttl);
    return new Adapter(b::ttl, b::defaultValue, b::size, b::build) {
      @Override
      public void entry(String token, Value value) throws SyntaxError {
        String t = token;
        boolean wild = false;
        boolean self = true;
        if (t.startsWith("*.")) {
          t = t.substring(2);
          wild = true;
          self = false;
        } else if (t.startsWith(".")) {
          t = t.substring(1);
          wild = true;
        }
        String d = EntrySyntax.domain(t);
        if (d == null) {
          throw new SyntaxError("invalid domain name");
        }
        if (self) {
          b.add(d, false, value);
        }
        if (wild) {
          b.add(d, true, value);
        }
      }
    };
  }

  /** Glue from builder methods to this interface. */
  abstract class Adapter implements DatasetBuilder {
    private final java.util.function.IntConsumer ttl;
    private final java.util.function.Consumer<Value> dv;
    private final java.util.function.LongSupplier size;
    private final java.util.function.Supplier<Dataset> build;
    private Value current = Value.DEFAULT;

    Adapter(
        java.util.function.IntConsumer ttl,
        java.util.function.Consumer<Value> dv,
        java.util.function.LongSupplier size,
        java.util.function.Supplier<Dataset> build) {
      this.ttl = ttl;
      this.dv = dv;
      this.size = size;
      this.build = build;
    }

    Value currentDefault() {
      return current;
    }

    @Override
    public void ttl(int seconds) {
      ttl.accept(seconds);
    }

    @Override
    public void defaultValue(Value v) {
      current = v;
      dv.accept(v);
    }

    @Override
    public long size() {
      return size.getAsLong();
    }

    @Override
    public Dataset build() {
      return build.get();
    }
  }
}
