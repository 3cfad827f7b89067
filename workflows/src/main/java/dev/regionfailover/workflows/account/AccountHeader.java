package dev.regionfailover.workflows.account;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.workflows.estate.AwsAccount;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.interceptors.Header;
import java.util.HashMap;
import java.util.Map;

/**
 * The Temporal header that carries an app's AWS account from a workflow to its activities and
 * children: the role to assume and its external id, as JSON. The worker's own account is sent as no
 * header at all, so the calls of apps in that account look as they did before accounts existed.
 */
public final class AccountHeader {

  /** The header's key. */
  public static final String KEY = "region-failover-aws-account";

  // The standard converter, not the client's: the header is read by this project's code only, and
  // must decode the same whatever codec a deployment puts on payloads.
  private static final DataConverter CONVERTER = DefaultDataConverter.STANDARD_INSTANCE;

  private AccountHeader() {}

  /** {@code header} with {@code account} added, or {@code header} itself for the worker's own. */
  public static Header with(Header header, AwsAccount account) {
    requireNonNull(header, "header is null");
    requireNonNull(account, "account is null");
    if (!account.assumesRole()) {
      return header;
    }
    Map<String, Payload> values = new HashMap<>(header.getValues());
    values.put(KEY, CONVERTER.toPayload(account).orElseThrow());
    return new Header(values);
  }

  /** The account {@code header} carries, or the worker's own when it carries none. */
  public static AwsAccount read(Header header) {
    Payload payload = header == null ? null : header.getValues().get(KEY);
    if (payload == null) {
      return AwsAccount.WORKER;
    }
    return CONVERTER.fromPayload(payload, AwsAccount.class, AwsAccount.class);
  }
}
