package dev.regionfailover.workflows.input;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.RawValue;
import java.nio.charset.StandardCharsets;

/**
 * A payload as the Temporal CLI or UI builds it from what the operator typed: the JSON text as is,
 * with the encoding json/plain, bypassing the client's data converter.
 */
public final class RawJson {

  private RawJson() {}

  public static RawValue of(String json) {
    return new RawValue(
        Payload.newBuilder()
            .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
            .setData(ByteString.copyFrom(json, StandardCharsets.UTF_8))
            .build());
  }
}
