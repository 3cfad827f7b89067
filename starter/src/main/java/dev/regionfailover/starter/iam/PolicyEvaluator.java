package dev.regionfailover.starter.iam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides whether an IAM identity policy allows an action on a resource, for the subset of IAM that
 * {@link IamPolicyGenerator} writes: statements with {@code Effect}, {@code Action} and {@code
 * Resource}, each a string or a list, with {@code *} and {@code ?} wildcards. As in IAM, actions
 * match case-insensitively, resources case-sensitively, a wildcard may span colons and slashes, and
 * an explicit Deny wins. A statement with a {@code Condition} allows nothing here, since whether
 * its condition holds depends on a request's context; any other element is refused rather than
 * misread.
 */
public final class PolicyEvaluator {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> STATEMENT_ELEMENTS =
      Set.of("Sid", "Effect", "Action", "Resource", "Condition");

  private record Statement(
      boolean allow, List<Pattern> actions, List<Pattern> resources, boolean conditional) {

    boolean matches(String action, String resource) {
      return actions.stream().anyMatch(p -> p.matcher(action).matches())
          && resources.stream().anyMatch(p -> p.matcher(resource).matches());
    }
  }

  private final List<Statement> statements;

  private PolicyEvaluator(List<Statement> statements) {
    this.statements = List.copyOf(statements);
  }

  /**
   * Reads a policy document.
   *
   * @throws IllegalArgumentException if it is not JSON, or uses what this evaluator does not know
   */
  public static PolicyEvaluator of(String policyJson) {
    JsonNode policy;
    try {
      policy = JSON.readTree(policyJson);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the policy is not JSON: " + e.getOriginalMessage(), e);
    }
    JsonNode statementNode = policy == null ? null : policy.get("Statement");
    if (statementNode == null) {
      throw new IllegalArgumentException("the policy has no Statement");
    }
    List<Statement> statements = new ArrayList<>();
    for (JsonNode statement : statementNode.isArray() ? statementNode : List.of(statementNode)) {
      statements.add(statement(statement, statements.size()));
    }
    return new PolicyEvaluator(statements);
  }

  /** Whether the policy allows {@code action} (as {@code service:Action}) on {@code resource}. */
  public boolean allows(String action, String resource) {
    String lowerAction = action.toLowerCase(Locale.ROOT);
    boolean allowed = false;
    for (Statement statement : statements) {
      if (statement.conditional() || !statement.matches(lowerAction, resource)) {
        continue;
      }
      if (!statement.allow()) {
        return false;
      }
      allowed = true;
    }
    return allowed;
  }

  private static Statement statement(JsonNode statement, int index) {
    String where = "Statement[" + index + "]";
    statement
        .fieldNames()
        .forEachRemaining(
            name -> {
              if (!STATEMENT_ELEMENTS.contains(name)) {
                throw new IllegalArgumentException(
                    where + ": " + name + " is not supported; use " + STATEMENT_ELEMENTS);
              }
            });
    String effect = statement.path("Effect").asText("");
    if (!effect.equals("Allow") && !effect.equals("Deny")) {
      throw new IllegalArgumentException(where + ": Effect must be Allow or Deny, not " + effect);
    }
    return new Statement(
        effect.equals("Allow"),
        patterns(statement, "Action", where, true),
        patterns(statement, "Resource", where, false),
        statement.has("Condition"));
  }

  private static List<Pattern> patterns(
      JsonNode statement, String element, String where, boolean lowerCase) {
    JsonNode node = statement.get(element);
    if (node == null || (node.isArray() && node.isEmpty())) {
      throw new IllegalArgumentException(where + ": " + element + " is missing");
    }
    List<Pattern> patterns = new ArrayList<>();
    for (JsonNode value : node.isArray() ? node : List.of(node)) {
      if (!value.isTextual()) {
        throw new IllegalArgumentException(where + ": " + element + " must hold strings");
      }
      String text = lowerCase ? value.asText().toLowerCase(Locale.ROOT) : value.asText();
      patterns.add(wildcard(text));
    }
    return patterns;
  }

  /** A pattern for an IAM wildcard string: {@code *} any run of characters, {@code ?} one. */
  static Pattern wildcard(String text) {
    StringBuilder regex = new StringBuilder();
    for (char c : text.toCharArray()) {
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }
}
