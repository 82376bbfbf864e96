package dev.lurcher.bench.harness;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;
import org.HdrHistogram.Histogram;

/**
 * Collects this JVM's own GC figures for one run of a HotSpot twin.
 *
 * <p><b>Collection counts</b> come from the {@link GarbageCollectorMXBean}s, classified by bean
 * name:
 *
 * <ul>
 *   <li>minor: {@code PS Scavenge}, {@code G1 Young Generation} (young and mixed pauses), {@code
 *       Copy}, {@code ZGC Minor Cycles}, and any other name with Young, Minor or Scavenge in it;
 *   <li>major: {@code PS MarkSweep}, {@code G1 Old Generation} (full GCs), {@code ZGC Major
 *       Cycles}, {@code Shenandoah Cycles} and any other name; plus G1's concurrent marking cycles:
 *       the {@code G1 Concurrent GC} bean counts their Remark and Cleanup pauses, two per cycle, so
 *       one cycle is counted per two pauses (rounded up; approximate if a cycle is aborted);
 *   <li>neither: the {@code … Pauses} beans of ZGC and Shenandoah, which count pauses, not
 *       collections (the {@code … Cycles} beans count those).
 * </ul>
 *
 * <p><b>Pauses</b> come from JFR's {@code jdk.GCPhasePause} events, one per stop-the-world pause of
 * any collector (Parallel and G1 evacuation and full pauses, G1 Remark and Cleanup, ZGC's Mark
 * Start, Mark End and Relocate Start), at the JVM's tick resolution. The GC notifications' {@code
 * GcInfo.getDuration()} would be simpler but has whole-millisecond resolution: every ZGC pause
 * (tens of microseconds) reads 0 there.
 *
 * <p><b>Peak heap</b>: the largest committed heap size ({@code MemoryMXBean}) seen when each
 * collection's notification arrives and at the start and end of the run.
 */
final class HotSpotGcMonitor implements NotificationListener {
  private static final String G1_CONCURRENT = "G1 Concurrent GC";

  private final List<GarbageCollectorMXBean> beans = ManagementFactory.getGarbageCollectorMXBeans();
  private final Map<String, Long> baseline = new HashMap<>();
  private final Histogram pausesMicros = new Histogram(3_600_000_000L, 3);
  private RecordingStream jfr;
  private Instant runStart = Instant.MAX;
  private Instant runEnd = Instant.MAX;
  private long major;
  private long minor;
  private long pauseNanosSum;
  private long peakCommitted;

  /** The figures of one run. */
  record Snapshot(
      long major,
      long minor,
      double gcMs,
      double p50Ms,
      double p99Ms,
      double maxMs,
      long peakCommittedBytes) {}

  /** Subscribes to the GC notifications and starts the JFR stream of pause events. */
  void install() {
    for (GarbageCollectorMXBean bean : beans) {
      if (bean instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(this, null, null);
      }
    }
    jfr = new RecordingStream();
    jfr.enable("jdk.GCPhasePause").withoutThreshold();
    jfr.onEvent("jdk.GCPhasePause", this::pause);
    jfr.startAsync();
  }

  private synchronized void pause(RecordedEvent e) {
    if (e.getStartTime().isBefore(runStart) || e.getStartTime().isAfter(runEnd)) {
      return;
    }
    long nanos = Math.max(0, e.getDuration().toNanos());
    pauseNanosSum += nanos;
    pausesMicros.recordValue(Math.max(1, (nanos + 500) / 1000));
  }

  @Override
  public synchronized void handleNotification(Notification n, Object handback) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
      return;
    }
    // The whole heap's committed size, sampled as each collection's notification arrives; the
    // pools' own committed figures do not add up to it exactly (G1 and ZGC overshoot -Xmx).
    if (runEnd.equals(Instant.MAX)) {
      peakCommitted = Math.max(peakCommitted, heapCommitted());
    }
  }

  /** Starts counting: collections and pauses before this moment are not the run's. */
  synchronized void startRun() {
    baseline.clear();
    for (GarbageCollectorMXBean bean : beans) {
      baseline.put(bean.getName(), Math.max(0, bean.getCollectionCount()));
    }
    pausesMicros.reset();
    pauseNanosSum = 0;
    peakCommitted = heapCommitted();
    runStart = Instant.now();
    runEnd = Instant.MAX;
  }

  /**
   * Ends the run: collections and pauses after this call are not counted. Collection counts are
   * taken now; pauses come with {@link #finish()}.
   */
  synchronized void endRun() {
    runEnd = Instant.now();
    major = 0;
    minor = 0;
    for (GarbageCollectorMXBean bean : beans) {
      String name = bean.getName();
      long count = Math.max(0, bean.getCollectionCount()) - baseline.getOrDefault(name, 0L);
      if (name.endsWith("Pauses")) {
        // Pauses, not collections: the matching "Cycles" bean counts those.
        continue;
      }
      if (name.equals(G1_CONCURRENT)) {
        major += (count + 1) / 2;
      } else if (name.contains("Young")
          || name.contains("Minor")
          || name.contains("Scavenge")
          || name.equals("Copy")) {
        minor += count;
      } else {
        major += count;
      }
    }
    peakCommitted = Math.max(peakCommitted, heapCommitted());
  }

  /**
   * Stops the JFR stream, which waits until every pause event recorded so far has been consumed,
   * and returns the run's figures.
   */
  Snapshot finish() {
    jfr.stop();
    jfr.close();
    synchronized (this) {
      boolean any = pausesMicros.getTotalCount() > 0;
      return new Snapshot(
          major,
          minor,
          pauseNanosSum / 1e6,
          any ? pausesMicros.getValueAtPercentile(50) / 1000.0 : 0,
          any ? pausesMicros.getValueAtPercentile(99) / 1000.0 : 0,
          any ? pausesMicros.getMaxValue() / 1000.0 : 0,
          peakCommitted);
    }
  }

  private static long heapCommitted() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
  }
}
