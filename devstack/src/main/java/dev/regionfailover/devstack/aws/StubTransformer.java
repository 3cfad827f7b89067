package dev.regionfailover.devstack.aws;

import static java.util.Objects.requireNonNull;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;

/**
 * What the transformers that answer the stand-in's own stubs share: each applies only to the stubs
 * that name it, and answers with a status, a content type and a body.
 */
abstract class StubTransformer implements ResponseDefinitionTransformerV2 {

  private final String name;

  StubTransformer(String name) {
    this.name = requireNonNull(name, "name is null");
  }

  /** An answer of {@code status} with {@code body} of {@code contentType}, to add headers to. */
  static ResponseDefinitionBuilder reply(int status, String contentType, String body) {
    return ResponseDefinitionBuilder.responseDefinition()
        .withStatus(status)
        .withHeader("Content-Type", contentType)
        .withBody(body);
  }

  /** Only the stubs that name this transformer use it. */
  @Override
  public final boolean applyGlobally() {
    return false;
  }

  @Override
  public final String getName() {
    return name;
  }
}
