package dev.regionfailover.starter.cli;

import static java.util.Objects.requireNonNull;

import java.lang.reflect.Constructor;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/**
 * Creates the CLI's commands and mixins for picocli, handing the Temporal connector to those whose
 * constructor takes one, so that no command has to find it through the command it runs under.
 */
public final class CommandFactory implements IFactory {

  private final TemporalConnector connector;

  public CommandFactory(TemporalConnector connector) {
    this.connector = requireNonNull(connector, "connector is null");
  }

  @Override
  public <K> K create(Class<K> type) throws Exception {
    for (Constructor<?> constructor : type.getConstructors()) {
      if (constructor.getParameterCount() == 1
          && constructor.getParameterTypes()[0] == TemporalConnector.class) {
        return type.cast(constructor.newInstance(connector));
      }
    }
    return CommandLine.defaultFactory().create(type);
  }
}
