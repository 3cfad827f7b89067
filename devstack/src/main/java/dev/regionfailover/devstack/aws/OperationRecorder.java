package dev.regionfailover.devstack.aws;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The distinct {@link RecordedOperation}s of the signed requests the stand-in received, for the
 * check that the worker's IAM policy allows what the flows do. Only distinct operations are kept,
 * so a dev session that repeats the same calls for hours keeps a set of the same size.
 */
final class OperationRecorder {

  private final Set<RecordedOperation> operations = ConcurrentHashMap.newKeySet();

  void record(Collection<RecordedOperation> requested) {
    operations.addAll(requested);
  }

  Set<RecordedOperation> snapshot() {
    return Set.copyOf(operations);
  }

  void reset() {
    operations.clear();
  }
}
