package org.backstop.check;

import java.util.List;

/** An MX host of the audited domain, with the reverse DNS of each of its addresses. */
public record MxHost(String name, int preference, List<AddressCheck> addresses) {

  public MxHost {
    addresses = List.copyOf(addresses);
  }

  /**
   * One address of an MX host.
   *
   * @param ptr the PTR names of the address
   * @param fcrdns true when a PTR name resolves back to the address (forward-confirmed)
   */
  public record AddressCheck(String address, List<String> ptr, boolean fcrdns) {
    public AddressCheck {
      ptr = List.copyOf(ptr);
    }
  }
}
