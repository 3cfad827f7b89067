package dev.regionfailover.devtools.bench;

import dev.regionfailover.devstack.aws.Quotas;
import dev.regionfailover.devstack.aws.TimedCall;
import dev.regionfailover.workflows.quota.QuotaApi;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The mutating calls an evacuation made of each quota-bound API, as the stand-in saw them arrive,
 * throttled ones included.
 */
final class QuotaCalls {

  private QuotaCalls() {}

  static Map<QuotaApi, Long> of(List<TimedCall> calls) {
    Map<QuotaApi, Long> counts = new EnumMap<>(QuotaApi.class);
    for (QuotaApi api : QuotaApi.values()) {
      counts.put(api, 0L);
    }
    for (TimedCall call : calls) {
      Quotas.api(call.service(), call.operation())
          .ifPresent(api -> counts.merge(api, 1L, Long::sum));
    }
    return counts;
  }
}
