package org.backstop.trap;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A bare SMTP client on a socket, for dialogues that real clients cannot be made to send. */
final class SmtpTestClient implements AutoCloseable {
  final Socket socket;
  private final BufferedReader in;
  private final OutputStream out;

  SmtpTestClient(int port) throws IOException {
    socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    socket.setSoTimeout(15_000);
    in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    out = socket.getOutputStream();
  }

  void raw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  void send(String line) throws IOException {
    raw((line + "\r\n").getBytes(StandardCharsets.UTF_8));
  }

  /** Reads one reply, joining continuation lines; null at end of stream. */
  String reply() throws IOException {
    StringBuilder sb = new StringBuilder();
    while (true) {
      String line = in.readLine();
      if (line == null) {
        return sb.length() == 0 ? null : sb.toString();
      }
      if (sb.length() > 0) {
        sb.append('\n');
      }
      sb.append(line);
      if (line.length() < 4 || line.charAt(3) != '-') {
        return sb.toString();
      }
    }
  }

  String command(String line) throws IOException {
    send(line);
    return reply();
  }

  /** MAIL, RCPT, DATA and the message; returns the reply to the final dot. */
  String deliver(String from, String to, String message) throws IOException {
    expect(command("MAIL FROM:<" + from + ">"), "250");
    expect(command("RCPT TO:<" + to + ">"), "250");
    expect(command("DATA"), "354");
    raw((message + "\r\n.\r\n").getBytes(StandardCharsets.UTF_8));
    return reply();
  }

  static String expect(String reply, String code) {
    if (reply == null || !reply.startsWith(code)) {
      throw new AssertionError("expected " + code + " but got: " + reply);
    }
    return reply;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
