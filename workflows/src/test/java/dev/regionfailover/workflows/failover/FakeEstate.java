package dev.regionfailover.workflows.failover;

import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.estate.EstateParser;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shipped example estate, read from deploy/ so the tests and the example cannot drift apart.
 */
final class FakeEstate {

  static final Path EXAMPLE = Path.of("..", "deploy", "estates", "orders.yaml");

  private FakeEstate() {}

  static Estate orders() {
    try {
      return EstateParser.parse(Files.readString(EXAMPLE), EXAMPLE.toString());
    } catch (Exception e) {
      throw new IllegalStateException("the example estate must be valid", e);
    }
  }
}
