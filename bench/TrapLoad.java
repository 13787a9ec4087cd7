import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * SMTP load for bench/trap.sh: {@code java bench/TrapLoad.java PORT MESSAGES CLIENTS [FIRST_IP]}
 * sends MESSAGES bounces (RFC 3464 DSNs, null sender) to a trap on 127.0.0.1:PORT over CLIENTS
 * persistent connections. With FIRST_IP each message is presented through XCLIENT as coming
 * from the next address, so every message lists a different address. Prints one line:
 * {@code accepted=N refused=N seconds=S per_second=R}, then the mean time a client waited for each
 * step's reply (XCLIENT, EHLO, MAIL+RCPT+DATA pipelined, the message until its 250).
 */
public class TrapLoad {
  static final String DSN =
      "From: Mail Delivery System <MAILER-DAEMON@mx.victim.example>\r\n"
          + "To: trap@trap.example\r\n"
          + "Subject: Undelivered Mail Returned to Sender\r\n"
          + "MIME-Version: 1.0\r\n"
          + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b1\"\r\n"
          + "\r\n--b1\r\nContent-Type: text/plain\r\n\r\n"
          + "Your message could not be delivered to one or more recipients.\r\n"
          + "--b1\r\nContent-Type: message/delivery-status\r\n\r\n"
          + "Reporting-MTA: dns; mx.victim.example\r\n\r\n"
          + "Final-Recipient: rfc822; nobody@victim.example\r\n"
          + "Action: failed\r\nStatus: 5.1.1\r\n"
          + "--b1\r\nContent-Type: message/rfc822-headers\r\n\r\n"
          + "From: forged@trap.example\r\nTo: nobody@victim.example\r\nSubject: buy now\r\n"
          + "--b1--\r\n";

  static final String[] STEPS = {"xclient", "ehlo", "mail-rcpt-data", "message"};
  static final java.util.concurrent.atomic.AtomicLongArray WAITED =
      new java.util.concurrent.atomic.AtomicLongArray(STEPS.length);

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    int messages = Integer.parseInt(args[1]);
    int clients = Integer.parseInt(args[2]);
    long firstIp = args.length > 3 ? ipv4(args[3]) : -1;
    AtomicInteger next = new AtomicInteger();
    AtomicInteger accepted = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long t0 = System.nanoTime();
    System.out.println("start_ms=" + System.currentTimeMillis());
    List<Future<?>> fs = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      fs.add(pool.submit(() -> {
        run(port, messages, firstIp, next, accepted, refused);
        return null;
      }));
    }
    for (Future<?> f : fs) {
      f.get();
    }
    double s = (System.nanoTime() - t0) / 1e9;
    pool.shutdown();
    System.out.printf("accepted=%d refused=%d seconds=%.3f per_second=%.0f%n",
        accepted.get(), refused.get(), s, accepted.get() / s);
    StringBuilder steps = new StringBuilder("mean wait per message, ms:");
    for (int i = 0; i < STEPS.length; i++) {
      steps.append(String.format(" %s %.2f", STEPS[i], WAITED.get(i) / 1e6 / Math.max(1, messages)));
    }
    System.out.println(steps);
  }

  static long ipv4(String s) {
    long v = 0;
    for (String p : s.split("\\.")) {
      v = v << 8 | Integer.parseInt(p);
    }
    return v;
  }

  static String ip(long v) {
    return (v >>> 24 & 255) + "." + (v >>> 16 & 255) + "." + (v >>> 8 & 255) + "." + (v & 255);
  }

  static void run(int port, int messages, long firstIp, AtomicInteger next, AtomicInteger accepted,
      AtomicInteger refused) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      s.setSoTimeout(30_000);
      s.setTcpNoDelay(true);
      BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
      OutputStream out = s.getOutputStream();
      expect(reply(in), "220");
      expect(cmd(in, out, "EHLO load.test"), "250");
      byte[] body = (DSN + ".\r\n").getBytes(StandardCharsets.US_ASCII);
      while (true) {
        int i = next.getAndIncrement();
        if (i >= messages) {
          cmd(in, out, "QUIT");
          return;
        }
        long t = System.nanoTime();
        if (firstIp >= 0) {
          expect(cmd(in, out, "XCLIENT ADDR=" + ip(firstIp + i) + " HELO=mx" + i + ".victim.example"), "220");
          t = lap(0, t);
          expect(cmd(in, out, "EHLO load.test"), "250");
          t = lap(1, t);
        }
        // PIPELINING (RFC 2920, which the trap announces), as an MTA does: MAIL, RCPT and DATA in
        // one write.
        out.write(("MAIL FROM:<>\r\nRCPT TO:<trap" + i + "@trap.example>\r\nDATA\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        expect(reply(in), "250");
        expect(reply(in), "250");
        expect(reply(in), "354");
        t = lap(2, t);
        out.write(body);
        out.flush();
        String done = reply(in);
        lap(3, t);
        if (done.startsWith("250")) {
          accepted.incrementAndGet();
        } else {
          refused.incrementAndGet();
        }
      }
    }
  }

  static long lap(int step, long since) {
    long now = System.nanoTime();
    WAITED.addAndGet(step, now - since);
    return now;
  }

  static String cmd(BufferedReader in, OutputStream out, String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return reply(in);
  }

  static String reply(BufferedReader in) throws IOException {
    String line;
    String all = "";
    do {
      line = in.readLine();
      if (line == null) {
        throw new IOException("connection closed; got so far: " + all);
      }
      all += line + "\n";
    } while (line.length() > 3 && line.charAt(3) == '-');
    return all;
  }

  static void expect(String reply, String code) throws IOException {
    if (!reply.startsWith(code)) {
      throw new IOException("expected " + code + ", got " + reply.trim());
    }
  }
}
