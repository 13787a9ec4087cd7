package org.backstop.trap;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A test sink that keeps each delivery with its message bytes. */
class RecordingSink implements TrapSink {
  record Received(TrapDelivery delivery, byte[] message) {
    String text() {
      return message == null ? null : new String(message, java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

  @Override
  public void accept(TrapDelivery d) throws Exception {
    received.add(new Received(d, d.message()));
  }

  Received next() throws InterruptedException {
    Received r = received.poll(15, TimeUnit.SECONDS);
    if (r == null) {
      throw new AssertionError("no delivery reached the sink within 15 s");
    }
    return r;
  }

  List<Received> drained() {
    List<Received> out = new java.util.ArrayList<>();
    received.drainTo(out);
    return out;
  }
}
