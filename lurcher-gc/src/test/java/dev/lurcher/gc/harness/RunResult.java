package dev.lurcher.gc.harness;

/**
 * What a passing run did, for statistics and for tests that check the harness has teeth.
 *
 * @param collections every collection (explicit, torture, or caused by a full heap)
 * @param allocationCollections collections caused by an allocation that did not fit (not counting
 *     the hopeless requests of {@link Op.Exhaust})
 * @param skippedOps ops whose operands did not apply, or allocations over the live budget
 * @param peakLiveBytes the most bytes the model ever held reachable
 * @param peakRoots the most roots held at once
 */
public record RunResult(
    int collections,
    int allocationCollections,
    int skippedOps,
    long peakLiveBytes,
    int peakRoots) {}
