package dev.regionfailover.workflows.estate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.ExecutionContext;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.AnnotationKeyword;
import com.networknt.schema.walk.ApplyDefaultsStrategy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The estate's shape, {@code deploy/estate.schema.json}, read once from the classpath: the worker's
 * readiness probe parses every estate on each call, so the compiled schema is shared by all parses.
 */
final class EstateSchema {

  /** Where the build copies {@code deploy/estate.schema.json}, next to this class. */
  static final String RESOURCE = "estate.schema.json";

  private static final EstateSchema INSTANCE = load();

  private final JsonNode document;
  private final Schema schema;

  private EstateSchema(JsonNode document, Schema schema) {
    this.document = document;
    this.schema = schema;
  }

  static EstateSchema get() {
    return INSTANCE;
  }

  /** The schema as JSON, for messages that name the keys a mapping allows. */
  JsonNode document() {
    return document;
  }

  /**
   * Validates an estate and fills in the defaults the schema states for absent keys, so that the
   * records bind with the same defaults the schema documents.
   */
  List<Error> validateAndFillDefaults(JsonNode estate) {
    return new ArrayList<>(
        schema
            .walk(
                new ExecutionContext(),
                estate,
                true,
                context ->
                    context.walkConfig(
                        walk ->
                            walk.applyDefaultsStrategy(
                                new ApplyDefaultsStrategy(true, false, false))))
            .getErrors());
  }

  private static EstateSchema load() {
    try (InputStream in = EstateSchema.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      JsonNode document = new ObjectMapper().readTree(in);
      // errorMessage holds the parser's wording for each failed keyword; the validator only keeps
      // it as an annotation, and EstateSchemaMessages reads it.
      Dialect dialect =
          Dialect.builder(Dialects.getDraft202012())
              .keyword(new AnnotationKeyword("errorMessage"))
              .build();
      return new EstateSchema(
          document, SchemaRegistry.withDefaultDialect(dialect).getSchema(document));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
