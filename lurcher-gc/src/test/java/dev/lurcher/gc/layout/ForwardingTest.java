package dev.lurcher.gc.layout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lurcher.gc.api.Forwarding;
import dev.lurcher.gc.api.Heap;
import dev.lurcher.gc.api.HeapOptions;
import dev.lurcher.gc.api.Mutator;
import dev.lurcher.gc.memory.Memory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The standard layout's claim / commit / abort / forwardedAddress protocol, driven by hand. */
class ForwardingTest {
  private final StandardLayout layout = new StandardLayout();
  private final Shape cell = layout.defineRecord("cell", 1, 24); // 48 bytes
  private final Forwarding fwd = layout.forwarding();
  private final List<Thread> spinners = new ArrayList<>();
  private Heap heap;
  private long obj;
  private long copy;
  private long header;

  @BeforeEach
  void setUp() {
    heap = Heap.create(HeapOptions.parse("heap-size=1m"), layout);
    Mutator m = heap.attach();
    obj = layout.allocate(m, cell);
    m.storeWord(obj, cell.rawOffset(0), 4242);
    copy = layout.allocate(m, cell); // stands in for the to-space copy
    header = Memory.getLong(obj);
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    // Release any spinner still waiting on a claim (a failed test) before the memory is unmapped.
    Memory.putLongRelease(obj, copy | 1);
    for (Thread t : spinners) {
      t.join(10_000);
    }
    heap.close(); // no collection ran: the hand-made forwarding states never reach a collector
  }

  @Test
  void freshObjectIsNotForwarded() {
    assertThat(fwd).isSameAs(layout);
    assertThat(fwd.forwardedAddress(obj)).isZero();
  }

  @Test
  void claimLeavesSizeAndShapeReadable() {
    assertThat(fwd.tryClaim(obj)).isZero();
    assertThat(Memory.getLong(obj)).isNotEqualTo(header);
    assertThat(layout.objectSize(obj)).isEqualTo(cell.recordSize());
    assertThat(layout.shapeOf(obj)).isSameAs(cell);
    assertThat(layout.checkHeader(obj)).contains("claimed");
    assertThat(Memory.getLong(obj + cell.rawOffset(0))).isEqualTo(4242); // fields untouched
    fwd.abort(obj);
  }

  @Test
  void abortRestoresTheHeaderAndAllowsANewClaim() {
    assertThat(fwd.tryClaim(obj)).isZero();
    fwd.abort(obj);
    assertThat(Memory.getLong(obj)).isEqualTo(header);
    assertThat(fwd.forwardedAddress(obj)).isZero();
    assertThat(layout.checkHeader(obj)).isNull();
    assertThat(fwd.tryClaim(obj)).isZero();
    fwd.abort(obj);
  }

  @Test
  void commitAfterClaimForwardsAndCleansTheCopysHeader() {
    assertThat(fwd.tryClaim(obj)).isZero();
    Memory.copy(obj, copy, layout.objectSize(obj)); // the copy carries the claimed header
    fwd.commit(obj, copy);
    assertThat(Memory.getLong(copy)).isEqualTo(header);
    assertThat(layout.checkHeader(copy)).isNull();
    assertThat(Memory.getLong(copy + cell.rawOffset(0))).isEqualTo(4242);
    assertThat(fwd.forwardedAddress(obj)).isEqualTo(copy);
    assertThat(fwd.tryClaim(obj)).isEqualTo(copy); // a late claimant learns the new address
    assertThat(layout.checkHeader(obj)).contains("forwarded");
    assertThat(layout.describe(obj)).startsWith("object@");
  }

  @Test
  void serialCommitWithoutClaim() {
    Memory.copy(obj, copy, layout.objectSize(obj));
    fwd.commit(obj, copy);
    assertThat(fwd.forwardedAddress(obj)).isEqualTo(copy);
    assertThat(Memory.getLong(copy)).isEqualTo(header);
  }

  @Test
  void loserWaitsForTheWinnersCommit() throws Exception {
    assertThat(fwd.tryClaim(obj)).isZero();
    CountDownLatch started = new CountDownLatch(2);
    CompletableFuture<Long> claimant = spin(started, () -> fwd.tryClaim(obj));
    CompletableFuture<Long> reader = spin(started, () -> fwd.forwardedAddress(obj));
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    // both are spinning on the claim: neither can have an answer before the commit
    assertThat(claimant).isNotDone();
    assertThat(reader).isNotDone();
    Memory.copy(obj, copy, layout.objectSize(obj));
    fwd.commit(obj, copy);
    assertThat(claimant.get(10, TimeUnit.SECONDS)).isEqualTo(copy);
    assertThat(reader.get(10, TimeUnit.SECONDS)).isEqualTo(copy);
  }

  @Test
  void loserWinsAfterTheWinnerAborts() throws Exception {
    assertThat(fwd.tryClaim(obj)).isZero();
    CountDownLatch started = new CountDownLatch(1);
    CompletableFuture<Long> claimant = spin(started, () -> fwd.tryClaim(obj));
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(claimant).isNotDone();
    fwd.abort(obj);
    assertThat(claimant.get(10, TimeUnit.SECONDS)).isZero(); // it now owns the claim
    assertThat(layout.checkHeader(obj)).contains("claimed");
    fwd.abort(obj);
    assertThat(Memory.getLong(obj)).isEqualTo(header);
  }

  private interface LongCall {
    long call();
  }

  private CompletableFuture<Long> spin(CountDownLatch started, LongCall call) {
    CompletableFuture<Long> result = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              started.countDown();
              try {
                result.complete(call.call());
              } catch (Throwable e) {
                result.completeExceptionally(e);
              }
            });
    t.setDaemon(true);
    spinners.add(t);
    t.start();
    return result;
  }
}
