package dev.regionfailover.workflows.visibility;

import io.temporal.common.SearchAttributeKey;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;

/**
 * Registers the project's {@link SearchAttributes} in a test environment, as the dev server and a
 * production namespace have them: the test server refuses an upsert of an attribute it does not
 * know, and the workflow task that sends it fails.
 */
public final class TestSearchAttributes {

  private TestSearchAttributes() {}

  /** Registers every attribute in {@code env}; call it before a workflow upserts one. */
  public static void registerIn(TestWorkflowEnvironment env) {
    for (SearchAttributeKey<?> key : SearchAttributes.ALL) {
      env.registerSearchAttribute(key.getName(), key.getValueType());
    }
  }

  /** {@code builder} with every attribute registered in the environment it builds. */
  public static TestWorkflowExtension.Builder registeredIn(TestWorkflowExtension.Builder builder) {
    for (SearchAttributeKey<?> key : SearchAttributes.ALL) {
      builder.registerSearchAttribute(key.getName(), key.getValueType());
    }
    return builder;
  }
}
