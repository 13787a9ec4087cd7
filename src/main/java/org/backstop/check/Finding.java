package org.backstop.check;

/**
 * One problem an audit found.
 *
 * @param code a stable identifier such as {@code SMTP_OPEN_RELAY}, for scripts and tests
 * @param subject what it is about: the domain, an MX host, an address or a DKIM selector
 * @param message what is wrong, citing the RFC
 * @param fix what to do about it
 */
public record Finding(Severity severity, String code, String subject, String message, String fix) {}
