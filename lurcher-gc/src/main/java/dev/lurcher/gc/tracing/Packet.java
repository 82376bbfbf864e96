package dev.lurcher.gc.tracing;

/**
 * A batch of object references to trace: the unit that moves between workers. Used as a stack by
 * the worker holding it; nobody else touches it until it is published on a deque.
 */
final class Packet {
  final long[] refs = new long[TraceWorker.PACKET_REFS];
  int count;
}
