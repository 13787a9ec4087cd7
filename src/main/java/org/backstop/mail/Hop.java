package org.backstop.mail;

/**
 * One Received header of a message (RFC 5321 section 4.4): who handed it over and who took it.
 *
 * @param fromHost the name the sending side gave, or its reverse DNS
 * @param ip the sending side's address as text, or null
 * @param byHost the receiving host
 */
public record Hop(String fromHost, String ip, String byHost) {}
