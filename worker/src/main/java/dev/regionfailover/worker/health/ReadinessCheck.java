package dev.regionfailover.worker.health;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * One condition of readiness.
 *
 * @param name what is checked, such as {@code temporal}
 * @param problem what is wrong now, or empty when the condition holds
 */
public record ReadinessCheck(String name, Supplier<Optional<String>> problem) {

  public ReadinessCheck {
    requireNonNull(name, "name is null");
    requireNonNull(problem, "problem is null");
  }
}
