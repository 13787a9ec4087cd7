package org.backstop.dns;

import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.backstop.net.IpAddress;
import org.backstop.zone.Soa;
import org.backstop.zone.ZoneRecords;
import org.backstop.zone.ZoneSnapshot;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;

/**
 * Sends a whole zone over TCP as an AXFR response (RFC 5936): the SOA, every record, the SOA again,
 * in messages of about 32 KB. Uses dnsjava, since transfers are rare and correctness of the framing
 * matters more than speed here.
 */
final class ZoneTransfer {
  private static final int MESSAGE_BUDGET = 32_000;

  private ZoneTransfer() {}

  static Name name(String relative, String origin) throws TextParseException {
    String n = relative.isEmpty() ? origin : relative + "." + origin;
    return Name.fromString(n.isEmpty() ? "." : n + ".");
  }

  static SOARecord soaRecord(ZoneSnapshot s) throws TextParseException {
    Soa soa = s.soa();
    return new SOARecord(
        name("", s.origin()),
        DClass.IN,
        soa.ttl(),
        Name.fromString(soa.mname() + "."),
        Name.fromString(soa.rname() + "."),
        soa.serial(),
        soa.refresh(),
        soa.retry(),
        soa.expire(),
        soa.minimum());
  }

  /** Writes the transfer as length-prefixed messages answering {@code query}. */
  static void send(ZoneSnapshot s, Message query, DataOutputStream out) throws IOException {
    Sender sender = new Sender(query, out);
    SOARecord soa = soaRecord(s);
    sender.add(soa);
    for (String ns : s.ns()) {
      sender.add(new NSRecord(soa.getName(), DClass.IN, s.nsTtl(), Name.fromString(ns + ".")));
    }
    IOException[] failure = {null};
    ZoneRecords.forEach(
        s,
        new ZoneRecords.Sink() {
          @Override
          public void a(String owner, int ttl, int address) {
            try {
              InetAddress a = InetAddress.getByAddress(IpAddress.ofV4(address).bytes());
              sender.add(new ARecord(name(owner, s.origin()), DClass.IN, ttl, a));
            } catch (IOException e) {
              failure[0] = failure[0] == null ? e : failure[0];
            }
          }

          @Override
          public void txt(String owner, int ttl, String text) {
            try {
              sender.add(new TXTRecord(name(owner, s.origin()), DClass.IN, ttl, chunks(text)));
            } catch (IOException e) {
              failure[0] = failure[0] == null ? e : failure[0];
            }
          }
        });
    if (failure[0] != null) {
      throw failure[0];
    }
    sender.add(soa);
    sender.flush();
  }

  static List<String> chunks(String text) {
    List<String> l = new ArrayList<>();
    for (int i = 0; i < text.length() || i == 0; i += 255) {
      l.add(text.substring(i, Math.min(text.length(), i + 255)));
      if (text.isEmpty()) {
        break;
      }
    }
    return l;
  }

  /** Packs records into messages. */
  private static final class Sender {
    private final Message query;
    private final DataOutputStream out;
    private Message current;
    private int bytes;

    Sender(Message query, DataOutputStream out) {
      this.query = query;
      this.out = out;
    }

    void add(Record r) throws IOException {
      if (current == null) {
        current = new Message(query.getHeader().getID());
        current.getHeader().setFlag(Flags.QR);
        current.getHeader().setFlag(Flags.AA);
        current.addRecord(query.getQuestion(), Section.QUESTION);
        bytes = 12 + query.getQuestion().getName().length() + 4;
      }
      current.addRecord(r, Section.ANSWER);
      bytes += r.getName().length() + 10 + r.rdataToString().length() + 8;
      if (bytes > MESSAGE_BUDGET) {
        flush();
      }
    }

    void flush() throws IOException {
      if (current == null) {
        return;
      }
      byte[] wire = current.toWire();
      out.writeShort(wire.length);
      out.write(wire);
      current = null;
    }
  }
}
