package dev.regionfailover.starter.iam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.core.util.Separators.Spacing;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An IAM identity policy of Allow statements, as {@link IamPolicyGenerator} derives it. */
public record IamPolicy(List<PolicyStatement> statements) {

  /**
   * The most characters, whitespace aside, that IAM takes for the inline policies of one role; a
   * managed policy may hold only 6,144.
   */
  public static final int MAX_INLINE_ROLE_POLICY_SIZE = 10_240;

  static final ObjectMapper JSON = new ObjectMapper();

  /** Two-space indents, every list item on its own line, and "key": value as IAM shows them. */
  static final DefaultPrettyPrinter PRETTY =
      new DefaultPrettyPrinter()
          .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE)
          .withSeparators(
              Separators.createDefaultInstance().withObjectFieldValueSpacing(Spacing.AFTER));

  public IamPolicy {
    statements = List.copyOf(statements);
  }

  /** The policy document, as IAM and CloudFormation take it. */
  public String toJson() {
    try {
      return JSON.writer(PRETTY).writeValueAsString(document()) + System.lineSeparator();
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** How many characters IAM counts for the policy: those of its JSON without whitespace. */
  public int size() {
    try {
      return JSON.writeValueAsString(document()).length();
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ObjectNode document() {
    ObjectNode policy = JSON.createObjectNode();
    policy.put("Version", "2012-10-17");
    ArrayNode array = policy.putArray("Statement");
    for (PolicyStatement statement : statements) {
      ObjectNode node = array.addObject();
      node.put("Sid", statement.sid());
      node.put("Effect", "Allow");
      statement.actions().forEach(node.putArray("Action")::add);
      statement.resources().forEach(node.putArray("Resource")::add);
      if (!statement.condition().isEmpty()) {
        ObjectNode condition = node.putObject("Condition");
        for (Map.Entry<String, Map<String, String>> operator :
            new TreeMap<>(statement.condition()).entrySet()) {
          ObjectNode keys = condition.putObject(operator.getKey());
          new TreeMap<>(operator.getValue()).forEach(keys::put);
        }
      }
    }
    return policy;
  }
}
