package dev.regionfailover.workflows.input;

import io.temporal.common.converter.DataConverterException;

/**
 * A workflow input that is not the JSON object its record describes, naming the field at fault.
 *
 * <p>It extends {@link DataConverterException} because it is raised while the SDK decodes the
 * input: any other exception type would be wrapped in a plain {@code DataConverterException} on the
 * way out, and those fail the workflow task, which the server retries for ever while the execution
 * holds its workflow id. {@link WorkflowRegistration#OPTIONS} names this exact type as one that
 * fails the workflow instead, so a bad start ends at once with this message; decoding failures of
 * any other kind keep retrying the task, as a deployed fix can then resume them.
 */
public final class InvalidWorkflowInput extends DataConverterException {

  public InvalidWorkflowInput(String message) {
    super(message);
  }
}
