package dev.regionfailover.starter.iam;

import dev.regionfailover.workflows.estate.Estate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Derives the least-privilege IAM policy of the worker for one estate from the {@link
 * PolicyCatalogue}: each grant becomes a statement on the estate's own resources, and a grant on
 * resources the estate does not have is left out.
 */
public final class IamPolicyGenerator {

  /** The account of an ARN, as in {@code arn:aws:rds:us-east-1:123456789012:cluster:orders}. */
  private static final Pattern ARN_ACCOUNT = Pattern.compile("arn:[^:]*:[^:]*:[^:]*:(\\d{12}):.*");

  private IamPolicyGenerator() {}

  /** The policy of {@code estate}, with its resources in {@code account} ({@code *}: any). */
  public static IamPolicy generate(Estate estate, String account) {
    EstateResources resources = new EstateResources(estate, account);
    List<PolicyStatement> statements = new ArrayList<>();
    for (Grant grant : PolicyCatalogue.GRANTS) {
      List<String> arns = grant.resources().apply(resources);
      if (!arns.isEmpty()) {
        statements.add(new PolicyStatement(grant.sid(), grant.actions(), arns, grant.condition()));
      }
    }
    return new IamPolicy(statements);
  }

  /**
   * The accounts that the ARNs of {@code estate} name (its Aurora clusters, routing controls and
   * endpoint groups), sorted: one for an estate in a single account.
   */
  public static Set<String> accounts(Estate estate) {
    List<String> arns = new ArrayList<>(estate.aurora().clusters().values());
    if (estate.traffic() != null && estate.traffic().arc() != null) {
      arns.addAll(estate.traffic().arc().routingControls().values());
    }
    if (estate.traffic() != null && estate.traffic().globalAccelerator() != null) {
      arns.addAll(estate.traffic().globalAccelerator().endpointGroups().values());
    }
    Set<String> accounts = new TreeSet<>();
    for (String arn : arns) {
      Matcher matcher = ARN_ACCOUNT.matcher(arn);
      if (matcher.matches()) {
        accounts.add(matcher.group(1));
      }
    }
    return accounts;
  }
}
