package org.backstop.mail;

/**
 * The verdict on one address's BATV tag.
 *
 * @param status what the check found
 * @param address the address with any tag removed (the original sender), as given otherwise
 * @param keyDigit the tag's key digit, or -1 when unsigned
 */
public record BatvCheck(BatvStatus status, String address, int keyDigit) {
  public boolean valid() {
    return status == BatvStatus.VALID;
  }
}
