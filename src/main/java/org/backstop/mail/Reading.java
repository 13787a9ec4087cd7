package org.backstop.mail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One run of the analyzer over one message: parse once, then let the rules speak in order (feedback
 * report, receipt, RFC 3464 report, MTA text, auto-reply), each adding evidence.
 */
final class Reading {
  private final Mail mail;
  private final Budget budget;
  private final Originals.Located original;
  private final List<String> evidence = new ArrayList<>();
  private String reportingMta;

  /** A virus scanner's notice: the reason for each of its recipients is the virus. */
  private boolean virusNotice;

  /** Whether this reading is of a report forwarded inside another; such a report is not opened. */
  private final boolean nested;

  Reading(Mail mail, Budget budget) {
    this(mail, budget, false);
  }

  private Reading(Mail mail, Budget budget, boolean nested) {
    this.mail = mail;
    this.budget = budget;
    this.nested = nested;
    this.original = Originals.locate(mail);
  }

  List<String> evidence() {
    return evidence;
  }

  Analysis run() {
    Headers arf = Arf.fields(mail);
    if (arf != null) {
      return feedback(arf);
    }
    Headers mdn = Mdn.fields(mail);
    if (mdn != null) {
      return receipt(mdn);
    }
    com.fasterxml.jackson.databind.JsonNode ses = AmazonSesJson.find(mail);
    if (ses != null) {
      return amazonSes(ses);
    }
    String report = mail.text.substring(0, Math.min(original.textCut(), mail.text.length()));
    String all = mail.lowerText();
    String reportLower =
        all.length() == mail.text.length() ? all.substring(0, report.length()) : Text.lower(report);
    List<Finding> found = new ArrayList<>();
    MimePart ds = mail.part("message/delivery-status");
    if (ds == null) {
      ds = mail.part("message/global-delivery-status");
    }
    boolean structured = false;
    Finding unnamed = null;
    if (ds != null) {
      Rfc3464.Report r = Rfc3464.parse(ds.text());
      reportingMta = r.reportingMta();
      unnamed = r.unnamed();
      found.addAll(r.recipients());
      structured = !found.isEmpty();
      evidence.add("rfc3464:" + ds.type());
    } else {
      // A report quoted as text (forwarded, or a broken MIME structure) may sit past the cut.
      String whole =
          mail.lowerText().length() == mail.text.length() ? mail.lowerText() : reportLower;
      int i = mail.mayContain(TextFacts.INLINE_DSN) ? inlineDsn(whole) : -1;
      if (i >= 0) {
        String source = whole == reportLower ? report : mail.text;
        Rfc3464.Report r =
            Rfc3464.parse(source.substring(i, Math.min(source.length(), i + 64 * 1024)));
        if (!r.recipients().isEmpty()) {
          reportingMta = r.reportingMta();
          found.addAll(r.recipients());
          evidence.add("rfc3464:inline");
        }
      }
    }
    if (ds == null && found.isEmpty()) {
      String challenge = ChallengeResponse.detect(mail, reportLower);
      if (challenge != null) {
        return challenge(challenge);
      }
    }
    String virus = ds == null ? VirusNotice.detect(mail, reportLower) : null;
    virusNotice = virus != null;
    BounceSigns.Score signs = BounceSigns.score(mail, reportLower);
    boolean bounce =
        structured || !found.isEmpty() || signs.points() >= BounceSigns.THRESHOLD || virusNotice;
    String auto = null;
    if (!virusNotice && !bounce
        || found.isEmpty()
            && (signs.points() < BounceSigns.THRESHOLD + 1
                || !signs.signs().contains("subject-bounce")
                    && Rfc3834.subjectSaysAutoReply(mail))) {
      auto = Rfc3834.detect(mail);
      if (auto != null) {
        return autoReply(auto);
      }
    }
    if (!bounce) {
      evidence.add("no-bounce-signs:" + signs.points());
      return Analysis.none(evidence);
    }
    for (String s : signs.signs()) {
      evidence.add("sign:" + s);
    }
    Set<String> exclude = excluded();
    List<Finding> text =
        budget.spent() ? List.of() : MtaRules.scan(mail, report, reportLower, exclude, evidence);
    if (found.isEmpty()) {
      found.addAll(text);
      if (unnamed != null && text.size() == 1) {
        // The report's only group names a file, not an address; the text names the one
        // recipient it is about.
        Finding t = text.get(0);
        String d = t.diagnostic;
        t.diagnostic = null;
        t.fillFrom(unnamed);
        t.diagnostic = d == null || d.isBlank() ? t.diagnostic : d;
        evidence.add("rfc3464:unnamed-recipient");
      }
    } else {
      for (Finding f : found) {
        for (Finding t : text) {
          if (t.address.equals(f.address)) {
            boolean exact = f.reason == null && f.status != null && !f.status.endsWith(".0.0");
            f.fillFrom(t);
            if (exact) {
              // A text rule's guess yields to the structured report's exact status code.
              f.reason = null;
            }
            if (f.diagnostic != null
                && t.diagnostic != null
                && !f.diagnostic.contains(t.diagnostic)
                && t.diagnostic.length() > f.diagnostic.length()
                && (hasCode(t.diagnostic) || !hasCode(f.diagnostic))) {
              // Longer words tell more, but not free text over the server's coded reply.
              f.diagnostic = t.diagnostic;
            }
          }
        }
      }
    }
    if (found.isEmpty() && !nested) {
      Analysis inner = forwardedReport();
      if (inner != null) {
        evidence.add("recipient:forwarded-report");
        evidence.addAll(inner.evidence());
        return new Analysis(
            inner.kind(), inner.recipients(), inner.original(), inner.reportingMta(), evidence);
      }
    }
    if (found.isEmpty()) {
      for (String to : Addresses.all(original.headers().get("to"))) {
        Finding f = new Finding(to);
        f.diagnostic = summary(report);
        // The report names no recipient, so its words name no reason for this one either.
        f.reason = "undefined";
        found.add(f);
      }
      if (!found.isEmpty()) {
        evidence.add("recipient:original-to");
      }
    }
    MessageKind kind = structured ? MessageKind.DSN : MessageKind.BOUNCE;
    List<Recipient> recipients = finish(found, kind, report);
    kind = refineKind(kind, recipients);
    if (virusNotice) {
      evidence.add(virus);
      kind = MessageKind.VIRUS;
    }
    return new Analysis(kind, recipients, originalMessage(), reportingMta, evidence);
  }

  /**
   * A relay that could not deliver a delivery report sends it back attached whole (message/rfc822)
   * and names no recipient of its own: the failed recipients are the attached report's (RFC 3464
   * reports are multipart/report; report-type=delivery-status). Read once, never deeper.
   */
  private Analysis forwardedReport() {
    if (!original.source().equals("message/rfc822")
        && !original.source().equals("message/global")) {
      return null;
    }
    String type = original.headers().get("content-type");
    if (type == null) {
      return null;
    }
    String t = Text.lower(type);
    if (!t.startsWith("multipart/report") || !t.contains("delivery-status")) {
      return null;
    }
    MimePart p = mail.part(original.source());
    if (p == null) {
      return null;
    }
    Mail inner = Mail.parse(p.text().getBytes(java.nio.charset.StandardCharsets.UTF_8), budget);
    Analysis a = new Reading(inner, budget, true).run();
    return a.recipients().isEmpty() ? null : a;
  }

  private static boolean hasCode(String d) {
    return StatusCodes.find(d) != null || StatusCodes.findReply(d) != null;
  }

  private static int inlineDsn(String lower) {
    int i = lower.indexOf("final-recipient:");
    if (i < 0) {
      return -1;
    }
    int r = lower.lastIndexOf("reporting-mta:", i);
    int start = r >= 0 ? r : i;
    return lower.lastIndexOf('\n', start) + 1;
  }

  private static String summary(String report) {
    String t = report.strip();
    return t.length() > 300 ? t.substring(0, 300) : t;
  }

  private Set<String> excluded() {
    Set<String> ex = new HashSet<>();
    Headers h = mail.headers;
    for (String name : new String[] {"from", "to", "return-path", "reply-to", "sender"}) {
      ex.addAll(Addresses.all(h.get(name)));
    }
    Headers o = original.headers();
    for (String name : new String[] {"from", "return-path", "sender", "reply-to"}) {
      ex.addAll(Addresses.all(o.get(name)));
    }
    return ex;
  }

  private List<Recipient> finish(List<Finding> found, MessageKind kind, String report) {
    List<Recipient> out = new ArrayList<>(found.size());
    // The part of the report that session transcripts (">>> RCPT TO", "<<< 550-...") are looked
    // for in (SmtpDetails.TRANSCRIPT_REACH), and whether it holds one: asked once, not once per
    // recipient.
    String sessions = SmtpDetails.transcriptPart(report);
    boolean transcript = sessions != null && sessions.indexOf(">>> ") >= 0;
    Map<String, String> commands = new HashMap<>();
    for (Finding f : found) {
      // Each look-up below in the whole report costs its length, for every recipient: a hostile
      // report with hundreds of recipients and megabytes of text would take minutes. Once the
      // time is spent, the remaining recipients are finished from their own words only.
      boolean inTime = !budget.spent();
      f.diagnostic =
          ReplyLines.unwrap(inTime ? ReplyLines.complete(f.diagnostic, sessions) : f.diagnostic);
      // A status that fill() takes from the words is already the server's (findServers): then
      // upgradeStatus would only find it again.
      boolean fromWords = f.status == null && f.diagnostic != null && !f.diagnostic.isEmpty();
      SmtpDetails.fill(f);
      if (f.command == null && transcript && inTime) {
        // Mass bounces repeat one diagnostic for every recipient: looked for once.
        if (!commands.containsKey(f.diagnostic)) {
          commands.put(f.diagnostic, SmtpDetails.commandInTranscript(sessions, f.diagnostic));
        }
        f.command = commands.get(f.diagnostic);
      }
      if (!fromWords || f.diagnostic.startsWith("(reason: ")) {
        upgradeStatus(f);
      }
      if (f.action == null) {
        f.action = "failed";
      }
      f.reason = sendmailReason(f);
      if (report != null && inTime && ("onhold".equals(f.reason) || "undefined".equals(f.reason))) {
        f.reason = fromWholeReport(f, report);
        if (f.status == null) {
          // The report's own status code, when it names the same reason the words did.
          String s = StatusCodes.find(report.length() > 2000 ? report.substring(0, 2000) : report);
          if (s != null && f.reason.equals(StatusCodes.reasonOf(s))) f.status = s;
        }
      }
      if (virusNotice) {
        // The scanner's notice is about the virus, whatever else its words say.
        f.reason = "virusdetected";
      }
      if (f.status == null) {
        boolean temporary =
            "delayed".equals(f.action)
                || f.replyCode != null && f.replyCode.startsWith("4")
                || f.replyCode == null && StatusCodes.saysTemporary(wordsOf(f, report));
        // No code in the report: the status stands for the reason (evidence below).
        f.status = StatusCodes.forReason(f.reason, temporary);
        if (f.status != null && !evidence.contains("status:inferred-from-reason")) {
          evidence.add("status:inferred-from-reason");
        }
      }
      out.add(f.toRecipient());
    }
    return out;
  }

  /**
   * The reason the report's own words give when the recipient's diagnostic gives none: text reports
   * often put the server's reply apart from the line naming the recipient.
   */
  /**
   * Sendmail puts the reply that failed the recipient in "(reason: ...)" ahead of the transcript of
   * the whole session; that reply decides, the transcript's other replies may concern others.
   */
  private static String sendmailReason(Finding f) {
    String d = f.diagnostic;
    int close = d == null || !d.startsWith("(reason: ") ? -1 : d.indexOf(')');
    if (close < 0) {
      return ReasonClassifier.classify(f);
    }
    f.diagnostic = d.substring(9, close);
    String r = ReasonClassifier.classify(f);
    f.diagnostic = d;
    return VAGUE.contains(r) ? ReasonClassifier.classify(f) : r;
  }

  /** The recipient's own words, or the report's when a rule found the recipient without any. */
  private static String wordsOf(Finding f, String report) {
    if (f.diagnostic != null && !f.diagnostic.isBlank()) {
      return f.diagnostic;
    }
    return report == null ? "" : report.length() > 2000 ? report.substring(0, 2000) : report;
  }

  /** Reasons too vague to take from words that need not be about the recipient. */
  private static final Set<String> VAGUE =
      Set.of(
          "onhold",
          "undefined",
          "expired",
          "securityerror",
          "systemerror",
          "networkerror",
          "contenterror");

  private static String fromWholeReport(Finding f, String report) {
    String was = f.diagnostic;
    String type = f.diagnosticType;
    String reason = f.reason;
    f.diagnostic = report.length() > 2000 ? report.substring(0, 2000) : report;
    // The report as a whole is no SMTP reply: its words name the reason, not its codes.
    f.diagnosticType = null;
    String r = ReasonClassifier.classify(f);
    f.diagnostic = was;
    f.diagnosticType = type;
    return VAGUE.contains(r) ? reason : r;
  }

  /**
   * A report's Status often says only "5.0.0" while the remote server's reply carries the exact
   * code; the exact one tells more, so it wins when the class agrees.
   */
  private static void upgradeStatus(Finding f) {
    if (f.status == null || f.diagnostic == null) {
      return;
    }
    String text = f.diagnostic;
    int close = text.startsWith("(reason: ") ? text.indexOf(')') : -1;
    if (close > 0) {
      // Sendmail's "(reason: ...)" is the reply that failed this recipient: only its code counts.
      text = text.substring(0, close);
    }
    String d = StatusCodes.findServers(text);
    if (d != null && d.charAt(0) == f.status.charAt(0) && !d.endsWith(".0.0")) {
      f.status = d;
    }
  }

  private static MessageKind refineKind(MessageKind kind, List<Recipient> rs) {
    if (rs.isEmpty()) {
      return kind;
    }
    boolean allDelayed = true;
    boolean allDelivered = true;
    for (Recipient r : rs) {
      String a = r.action() == null ? "" : r.action();
      allDelayed &= a.equals("delayed");
      allDelivered &= a.equals("delivered") || a.equals("relayed") || a.equals("expanded");
    }
    return allDelayed ? MessageKind.DELAYED : allDelivered ? MessageKind.DELIVERED : kind;
  }

  private Analysis feedback(Headers arf) {
    evidence.add("arf:rfc5965");
    List<String> rcpts = new ArrayList<>();
    for (String v : arf.all("original-rcpt-to")) {
      rcpts.addAll(Addresses.all(v));
    }
    if (rcpts.isEmpty()) {
      rcpts.addAll(Addresses.all(original.headers().get("to")));
    }
    List<Recipient> rs = new ArrayList<>();
    String type = Text.lower(arf.get("feedback-type"));
    for (String rcpt : rcpts) {
      if (!rs.stream().anyMatch(r -> r.address().equals(rcpt))) {
        rs.add(
            new Recipient(
                rcpt, null, null, null, "feedback", type.isEmpty() ? null : type, null, null));
      }
    }
    String mailFrom = Addresses.first(arf.get("original-mail-from"));
    OriginalMessage om = originalMessage();
    if (mailFrom != null) {
      om =
          new OriginalMessage(
              om.messageId(), om.from(), mailFrom, om.subject(), om.date(), om.received());
    }
    String mta = arf.get("reporting-mta");
    return new Analysis(
        MessageKind.FEEDBACK, rs, om, mta == null ? null : Rfc3464.stripType(mta), evidence);
  }

  private Analysis amazonSes(com.fasterxml.jackson.databind.JsonNode n) {
    evidence.add("mta:amazonses-json");
    MessageKind kind = AmazonSesJson.kind(n);
    List<Recipient> rs = finish(AmazonSesJson.recipients(n), kind, null);
    return new Analysis(kind, rs, AmazonSesJson.original(n), null, evidence);
  }

  private Analysis receipt(Headers mdn) {
    evidence.add("mdn:rfc8098");
    List<Recipient> rs = new ArrayList<>();
    String rcpt = Addresses.first(mdn.get("final-recipient"));
    if (rcpt != null) {
      rs.add(
          new Recipient(
              rcpt, "displayed", null, null, "delivered", mdn.get("disposition"), null, null));
    }
    return new Analysis(MessageKind.RECEIPT, rs, originalMessage(), null, evidence);
  }

  private Analysis autoReply(String rule) {
    evidence.add(rule);
    List<Recipient> rs = new ArrayList<>();
    String from = Addresses.ofHeader(mail.headers.get("from"));
    if (from != null) {
      String subject = mail.headers.decoded("subject");
      rs.add(new Recipient(from, null, null, null, "vacation", subject, null, null));
    }
    return new Analysis(MessageKind.AUTOREPLY, rs, answeredOriginal(false), null, evidence);
  }

  /**
   * A challenge request: the recipient is the address that the challenger guards (the original's
   * To, else the request's own From), and the original went back to the request's To.
   */
  private Analysis challenge(String rule) {
    evidence.add(rule);
    List<Recipient> rs = new ArrayList<>();
    String guarded = Addresses.ofHeader(original.headers().get("to"));
    if (guarded == null) {
      guarded = Addresses.ofHeader(mail.headers.get("from"));
    }
    if (guarded != null) {
      String subject = mail.headers.decoded("subject");
      rs.add(new Recipient(guarded, null, null, null, null, subject, null, null));
    }
    return new Analysis(MessageKind.CHALLENGE, rs, answeredOriginal(true), null, evidence);
  }

  /**
   * The original of a message that answers it (an auto-reply, a challenge): its Message-ID, else
   * the answer's In-Reply-To, and as its sender the address the answer went to.
   *
   * @param keepSender whether the original's own sender stands when the answer names no To
   */
  private OriginalMessage answeredOriginal(boolean keepSender) {
    OriginalMessage om = originalMessage();
    String to = Addresses.ofHeader(mail.headers.get("to"));
    return new OriginalMessage(
        om.messageId() != null ? om.messageId() : inReplyTo(),
        om.from(),
        to != null || !keepSender ? to : om.sender(),
        om.subject(),
        om.date(),
        om.received());
  }

  private String inReplyTo() {
    String v = mail.headers.get("in-reply-to");
    return v == null ? null : stripAngles(v);
  }

  private OriginalMessage originalMessage() {
    Headers o = original.headers();
    List<Hop> hops = new ArrayList<>();
    for (String r : o.all("received")) {
      if (hops.size() >= 50) {
        break;
      }
      hops.add(ReceivedParser.parse(r));
    }
    String from = Addresses.ofHeader(o.get("from"));
    String sender = envelopeSender(o, from);
    String mid = o.get("message-id");
    return new OriginalMessage(
        mid == null ? null : stripAngles(mid),
        from,
        sender,
        o.decoded("subject"),
        o.get("date"),
        hops);
  }

  /** The envelope sender of the original: where the report went back to. */
  private String envelopeSender(Headers o, String from) {
    String rp = Addresses.ofHeader(o.get("return-path"));
    if (rp != null) {
      return rp;
    }
    String to = Addresses.ofHeader(mail.headers.get("to"));
    if (to != null && !Addresses.isSystem(to)) {
      return to;
    }
    return from;
  }

  static String stripAngles(String v) {
    String t = v.trim();
    int lt = t.indexOf('<');
    int gt = t.indexOf('>', lt + 1);
    if (lt >= 0 && gt > lt) {
      return t.substring(lt + 1, gt).trim();
    }
    return t;
  }
}
