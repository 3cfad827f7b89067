package dev.regionfailover.workflows.finding;

/**
 * The outcome of one check: what was checked, on which resource, what was observed and what was
 * expected, so an operator can act on it without reading code.
 */
public record Finding(
    String check, String resource, Verdict verdict, String observed, String expected) {

  public static Finding pass(String check, String resource, String observed, String expected) {
    return new Finding(check, resource, Verdict.PASS, observed, expected);
  }

  public static Finding fail(String check, String resource, String observed, String expected) {
    return new Finding(check, resource, Verdict.FAIL, observed, expected);
  }

  public static Finding warn(String check, String resource, String observed, String expected) {
    return new Finding(check, resource, Verdict.WARN, observed, expected);
  }

  /** One line for logs, status and failure messages. */
  public String describe() {
    return verdict
        + " "
        + check
        + " ("
        + resource
        + "): observed "
        + observed
        + ", expected "
        + expected;
  }
}
