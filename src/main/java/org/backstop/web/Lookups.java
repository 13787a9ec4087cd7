package org.backstop.web;

import java.util.Optional;
import org.backstop.net.IpAddress;

/** Reads what the blocklist knows about an address; the storage of package listing answers. */
@FunctionalInterface
public interface Lookups {
  /** The current or last listing of the address, empty when it was never listed. */
  Optional<ListingView> find(IpAddress ip);
}
