package org.backstop.listing;

import java.util.List;

/**
 * The changes to what is published between two versions.
 *
 * @param version the version they bring a reader up to
 * @param changes the changes, oldest first
 */
public record ListingChanges(long version, List<ListingChange> changes) {
  public ListingChanges {
    changes = List.copyOf(changes);
  }
}
