package dev.lurcher.gc.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Chase-Lev deque under an owner and thieves: every packet is taken exactly once. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PacketDequeTest {
  @Test
  void ownerIsLifoAndThievesFifo() {
    PacketDeque d = new PacketDeque();
    Packet[] p = new Packet[100];
    for (int i = 0; i < p.length; i++) {
      p[i] = new Packet();
      d.push(p[i]); // grows past the initial 32 slots
    }
    assertThat(d.steal()).isSameAs(p[0]);
    assertThat(d.pop()).isSameAs(p[99]);
    assertThat(d.steal()).isSameAs(p[1]);
    for (int i = 98; i >= 2; i--) {
      assertThat(d.pop()).isSameAs(p[i]);
    }
    assertThat(d.pop()).isNull();
    assertThat(d.steal()).isNull();
  }

  @Test
  void everyPacketTakenExactlyOnceUnderRaces() throws Exception {
    int total = 60_000;
    Packet[] packets = new Packet[total];
    for (int i = 0; i < total; i++) {
      packets[i] = new Packet();
      packets[i].count = i; // the packet's identity
    }
    AtomicIntegerArray taken = new AtomicIntegerArray(total);
    PacketDeque d = new PacketDeque();
    AtomicBoolean done = new AtomicBoolean();
    CountDownLatch start = new CountDownLatch(1);
    Thread[] thieves = new Thread[3];
    for (int t = 0; t < thieves.length; t++) {
      thieves[t] =
          new Thread(
              () -> {
                try {
                  start.await();
                } catch (InterruptedException e) {
                  return;
                }
                while (!done.get() || d.looksNonEmpty()) {
                  Packet p = d.steal();
                  if (p != null && p != PacketDeque.CONTENDED) {
                    taken.incrementAndGet(p.count);
                  }
                }
              });
      thieves[t].start();
    }
    start.countDown();
    // The owner pushes in bursts and pops some back, so pops and steals race on the last packet.
    int next = 0;
    while (next < total) {
      int burst = Math.min(1 + next % 37, total - next);
      for (int i = 0; i < burst; i++) {
        d.push(packets[next++]);
      }
      for (int i = 0; i < burst / 2; i++) {
        Packet p = d.pop();
        if (p != null) {
          taken.incrementAndGet(p.count);
        }
      }
    }
    for (Packet p = d.pop(); p != null; p = d.pop()) {
      taken.incrementAndGet(p.count);
    }
    done.set(true);
    for (Thread t : thieves) {
      t.join();
    }
    for (int i = 0; i < total; i++) {
      assertThat(taken.get(i)).as("packet %d", i).isEqualTo(1);
    }
  }
}
