/**
 * DNSBL zone data (RFC 5782): immutable {@link org.backstop.zone.ZoneSnapshot}s made of compact
 * datasets with rbldnsd's meaning, read from rbldnsd data files by {@link
 * org.backstop.zone.ZoneLoader} or built from code with {@link
 * org.backstop.zone.ZoneSnapshot#builder(String)}, and written back as rbldnsd data or BIND zone
 * files by {@link org.backstop.zone.ZoneFiles}. Depends only on {@code org.backstop.net}.
 */
package org.backstop.zone;
