package dev.regionfailover.starter.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * {@code --json}: print a command's record as pretty JSON, for scripts, instead of its text. What
 * the record is, where it is not a status record, {@code Options.properties} says.
 */
public final class JsonOutput {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Option(
      names = "--json",
      descriptionKey = "json",
      description = "Print the status record as JSON.")
  private boolean json;

  /** The record as JSON, with a final newline, when {@code --json} is given; else its text. */
  public <T> String text(T record, Function<T, String> text) {
    return json ? write(record) + "\n" : text.apply(record);
  }

  /** {@code json} as JSON when {@code --json} is given; else the record's text. */
  public <T> String text(T record, Object json, Function<T, String> text) {
    return this.json ? write(json) + "\n" : text.apply(record);
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
    }
  }
}
