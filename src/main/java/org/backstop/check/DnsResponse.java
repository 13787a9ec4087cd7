package org.backstop.check;

import java.util.ArrayList;
import java.util.List;
import org.backstop.net.IpAddress;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;

/** A DNS response reduced to its RCODE (RFC 1035 section 4.1.1) and answer records. */
public record DnsResponse(int rcode, List<Record> answers) {

  public DnsResponse {
    answers = List.copyOf(answers);
  }

  /** The response in a dnsjava message. */
  public static DnsResponse of(Message m) {
    return new DnsResponse(m.getRcode(), m.getSection(Section.ANSWER));
  }

  public boolean isNxdomain() {
    return rcode == Rcode.NXDOMAIN;
  }

  /** The addresses of the A and AAAA answers. */
  public List<IpAddress> addresses() {
    List<IpAddress> out = new ArrayList<>();
    for (Record r : answers) {
      if (r instanceof ARecord a) {
        out.add(IpAddress.ofBytes(a.getAddress().getAddress()));
      } else if (r instanceof AAAARecord a) {
        out.add(IpAddress.ofBytes(a.getAddress().getAddress()).unmapped());
      }
    }
    return out;
  }

  /** Each TXT answer with its strings joined (RFC 7208 section 3.3 joins without spaces). */
  public List<String> texts() {
    List<String> out = new ArrayList<>();
    for (Record r : answers) {
      if (r instanceof TXTRecord t) {
        out.add(String.join("", t.getStrings()));
      }
    }
    return out;
  }

  /** The answer records of one type. */
  public <T extends Record> List<T> records(Class<T> type) {
    return answers.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
