package org.backstop.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * HTML escaping and the page frame every page shares.
 *
 * <p>Hand-written rather than a template engine because the site has a dozen small pages and one
 * rule matters: every untrusted string goes through {@link #esc}. The style sheet is inline and
 * nothing is loaded from elsewhere, so the site works offline on an intranet and under a strict
 * Content-Security-Policy.
 */
public final class Html {
  private Html() {}

  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  private static final String CSS =
      """
      :root{--fg:#1b1f24;--bg:#fff;--muted:#4d5660;--line:#d0d7de;--accent:#0b5cad;\
      --bad:#a40e26;--good:#116329;--warn:#7d4e00}
      *{box-sizing:border-box}
      body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;\
      color:var(--fg);background:var(--bg)}
      a{color:var(--accent)}
      a:focus,button:focus,input:focus,textarea:focus{outline:3px solid #f0a000;outline-offset:1px}
      .skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:4px}
      header{background:#12263f;color:#fff;padding:.6rem 1rem}
      header a{color:#fff;text-decoration:none;margin-right:1rem;display:inline-block;padding:.2rem 0}
      header a.brand{font-weight:700;font-size:1.15rem}
      main{max-width:52rem;margin:0 auto;padding:1rem}
      footer{max-width:52rem;margin:2rem auto;padding:0 1rem;color:var(--muted);font-size:.9rem}
      h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0 1rem}
      h2{font-size:1.25rem;margin-top:1.6rem}
      form.inline{display:flex;flex-wrap:wrap;gap:.5rem}
      label{display:block;font-weight:600;margin:.6rem 0 .2rem}
      input[type=text],input[type=email],input[type=password],textarea{width:100%;max-width:36rem;\
      padding:.5rem;font:inherit;border:1px solid #8c959f;border-radius:4px}
      form.inline input[type=text]{flex:1 1 14rem;width:auto}
      textarea{min-height:6rem}
      button{font:inherit;padding:.5rem 1rem;border:0;border-radius:4px;background:var(--accent);\
      color:#fff;cursor:pointer;min-height:2.5rem}
      button.secondary{background:#57606a}
      .status{padding:.8rem 1rem;border-radius:6px;border-left:6px solid;margin:1rem 0}
      .listed{background:#ffebe9;border-color:var(--bad)}
      .clean{background:#dafbe1;border-color:var(--good)}
      .queued{background:#fff8c5;border-color:var(--warn)}
      dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem}
      dl.facts dt{font-weight:600}dl.facts dd{margin:0}
      pre{background:#f6f8fa;border:1px solid var(--line);padding:.6rem;overflow-x:auto;\
      white-space:pre-wrap;overflow-wrap:anywhere;font-size:.85rem}
      table{border-collapse:collapse;width:100%;font-size:.95rem}
      th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
      .scroll{overflow-x:auto}
      .error{color:var(--bad);font-weight:600}
      .muted{color:var(--muted)}
      svg{width:100%;max-width:34rem;height:auto;display:block}
      .nw{white-space:nowrap}
      @media (max-width:30rem){dl.facts{grid-template-columns:1fr}dl.facts dd{margin-bottom:.4rem}\
      h1{font-size:1.35rem}}
      """;

  /** Escapes text for an HTML element or a quoted attribute value. Null becomes empty. */
  public static String esc(Object value) {
    if (value == null) {
      return "";
    }
    String s = value.toString();
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String rep =
          switch (c) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '"' -> "&quot;";
            case '\'' -> "&#39;";
            default -> null;
          };
      if (rep == null && c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
        rep = "\uFFFD"; // control characters have no place in a page
      }
      if (rep != null) {
        if (sb == null) {
          sb = new StringBuilder(s.length() + 16).append(s, 0, i);
        }
        sb.append(rep);
      } else if (sb != null) {
        sb.append(c);
      }
    }
    return sb == null ? s : sb.toString();
  }

  /** A time as "2026-11-28 10:15:00 UTC", or a dash when unknown. */
  public static String utc(Instant t) {
    return t == null ? "—" : UTC.format(t);
  }

  /** A date as "2026-11-28", or a dash when unknown. */
  public static String day(Instant t) {
    return t == null ? "—" : DAY.format(t);
  }

  /**
   * A whole page.
   *
   * @param title the page title, escaped here
   * @param body trusted HTML, already escaped by the caller
   */
  public static String page(String title, String body) {
    return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
        + "<title>"
        + esc(title)
        + " · Backstop</title><style>"
        + CSS
        + "</style></head><body><a class=\"skip\" href=\"#main\">Skip to content</a>"
        + "<header><nav aria-label=\"Site\"><a class=\"brand\" href=\"/\">Backstop</a>"
        + "<a href=\"/check\">Check lists</a><a href=\"/delist\">Delist</a><a href=\"/stats\">Statistics</a>"
        + "<a href=\"/api/openapi.json\">API</a></nav></header>"
        + "<main id=\"main\">"
        + body
        + "</main><footer>Backstop lists servers that send backscatter: bounces and"
        + " auto-replies to forged senders. Delisting is free.</footer></body></html>";
  }

  /** A hidden CSRF field for a form. */
  public static String csrfField(String token) {
    return "<input type=\"hidden\" name=\"csrf\" value=\"" + esc(token) + "\">";
  }
}
