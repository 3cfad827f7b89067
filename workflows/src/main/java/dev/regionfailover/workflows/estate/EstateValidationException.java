package dev.regionfailover.workflows.estate;

import java.util.List;

/** An estate file that cannot be used, with every problem found and the path of each. */
public final class EstateValidationException extends Exception {

  private final String source;
  private final List<String> errors;

  public EstateValidationException(String source, List<String> errors) {
    super(source + " is not a valid estate:\n  " + String.join("\n  ", errors));
    this.source = source;
    this.errors = List.copyOf(errors);
  }

  public String source() {
    return source;
  }

  public List<String> errors() {
    return errors;
  }
}
