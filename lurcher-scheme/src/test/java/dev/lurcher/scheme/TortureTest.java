package dev.lurcher.scheme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lurcher.gc.events.CollectionKind;
import dev.lurcher.gc.events.GcEventListener;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Checks that the torture configuration really collects while a program runs. */
class TortureTest {
  @Test
  void tortureCollectsAtEveryAllocation() {
    AtomicLong collections = new AtomicLong();
    GcEventListener counter =
        new GcEventListener() {
          @Override
          public void start(CollectionKind kind) {
            collections.incrementAndGet();
          }
        };
    StringBuilder out = new StringBuilder();
    RunConfig config =
        RunConfig.of(TestConfigs.torture().get(0))
            .withArgs(1, List.of("(1 2 3)"))
            .withOnHeap(h -> h.addListener(counter));
    int status =
        Scheme.run(
            "t.scm",
            "(lambda (n l) (display (map (lambda (x) (cons x x)) l)))",
            config,
            out,
            new StringBuilder());
    assertThat(status).isZero();
    assertThat(out.toString()).isEqualTo("((1 . 1) (2 . 2) (3 . 3))");
    assertThat(collections.get()).isGreaterThanOrEqualTo(6);
  }
}
