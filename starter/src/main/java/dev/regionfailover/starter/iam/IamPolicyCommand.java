package dev.regionfailover.starter.iam;

import dev.regionfailover.starter.cli.CliFailure;
import dev.regionfailover.starter.estate.EstateFiles;
import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.estate.EstateValidationException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code iam-policy ESTATE}: prints the least-privilege IAM policy for an estate: the worker's own,
 * or, for an app in an AWS account of its own ({@code aws.roleArn}), the permissions of that role,
 * its trust policy ({@code --trust-policy}), and what the worker needs to assume it ({@code
 * --assume-policy}).
 */
@Command(
    name = "iam-policy",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the least-privilege IAM policy the worker needs for one estate: every AWS action the"
          + " activities call, scoped to the estate's own resources. Statements whose Sid says"
          + " NoResourceLevelPermissions or IdsAssignedByAws allow every resource of their"
          + " actions, because AWS cannot scope them or the estate does not name the ids.",
      "For an app in an AWS account of its own (aws.roleArn in its estate), that is the"
          + " permissions policy of the app's role, in the role's account; --trust-policy prints"
          + " the role's trust policy, and --assume-policy the policy the worker's own role needs"
          + " to assume the roles of one estate, or of every estate of a directory.",
      "Touches neither Temporal nor AWS."
    })
public final class IamPolicyCommand implements Callable<Integer> {

  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}|\\*");

  /** What a trust policy can name as its principal: an IAM role or user, or an account's root. */
  private static final Pattern PRINCIPAL =
      Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:(root|role/.+|user/.+)");

  @Spec private CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "ESTATE",
      description = "An estate file, or a directory of estates with --app.")
  private Path path;

  @Option(
      names = "--app",
      paramLabel = "APP",
      description = "The app whose estate to use, when ESTATE is a directory.")
  private String app;

  @Option(
      names = "--account-id",
      paramLabel = "ACCOUNT",
      description =
          "The AWS account of the estate's resources (12 digits, or * for any). Default: the one"
              + " account the estate's ARNs name.")
  private String account;

  @Option(
      names = "--trust-policy",
      description =
          "Print the trust policy of the role the estate names (aws.roleArn) instead: it lets"
              + " the worker's principal assume the role, with the estate's aws.externalId as the"
              + " sts:ExternalId condition when it has one. Needs --worker-principal.")
  private boolean trustPolicy;

  @Option(
      names = "--worker-principal",
      paramLabel = "ARN",
      description =
          "With --trust-policy: the ARN of the worker's own IAM role, such as"
              + " arn:aws:iam::111122223333:role/region-failover-worker.")
  private String workerPrincipal;

  @Option(
      names = "--assume-policy",
      description =
          "Print the policy the worker's own role needs to assume the roles that the estate"
              + " names (every estate of ESTATE when it is a directory and --app is not given).")
  private boolean assumePolicy;

  @Override
  public Integer call() {
    if (trustPolicy && assumePolicy) {
      throw new ParameterException(
          spec.commandLine(),
          "--trust-policy and --assume-policy print different documents: give one of them");
    }
    if (workerPrincipal != null && !trustPolicy) {
      throw new ParameterException(
          spec.commandLine(), "--worker-principal is for --trust-policy; add --trust-policy");
    }
    if (assumePolicy) {
      return print(assumePolicy(assumingEstates()).toJson());
    }
    if (trustPolicy) {
      return print(trustPolicy(estate()).toJson());
    }

    if (account != null && !ACCOUNT.matcher(account).matches()) {
      throw new ParameterException(
          spec.commandLine(),
          "--account-id: " + account + " is not an AWS account id (12 digits) or *");
    }
    Estate estate = estate();
    IamPolicy policy =
        IamPolicyGenerator.generate(estate, account == null ? account(estate) : account);
    PrintWriter out = spec.commandLine().getOut();
    out.print(policy.toJson());
    out.flush();
    if (policy.size() > IamPolicy.MAX_INLINE_ROLE_POLICY_SIZE) {
      PrintWriter err = spec.commandLine().getErr();
      err.printf(
          Locale.ROOT,
          "warning: this policy has %,d characters without whitespace, more than the %,d IAM"
              + " allows in the inline policies of one role: split its statements into several"
              + " managed policies (6,144 characters each) attached to the role%n",
          policy.size(),
          IamPolicy.MAX_INLINE_ROLE_POLICY_SIZE);
      err.flush();
    }
    return ExitCode.OK;
  }

  private Integer print(String document) {
    PrintWriter out = spec.commandLine().getOut();
    out.print(document);
    out.flush();
    return ExitCode.OK;
  }

  private TrustPolicy trustPolicy(Estate estate) {
    if (workerPrincipal == null) {
      throw new ParameterException(
          spec.commandLine(),
          "--trust-policy needs --worker-principal ARN: the worker's own IAM role, such as"
              + " arn:aws:iam::111122223333:role/region-failover-worker (aws sts"
              + " get-caller-identity on the worker shows its role)");
    }
    if (!PRINCIPAL.matcher(workerPrincipal).matches()) {
      throw new ParameterException(
          spec.commandLine(),
          "--worker-principal: "
              + workerPrincipal
              + " is not an IAM role, user or account root ARN; for an assumed-role session"
              + " (arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION) give the role,"
              + " arn:aws:iam::ACCOUNT:role/ROLE");
    }
    if (!estate.aws().assumesRole()) {
      throw new CliFailure(
          "the estate of "
              + estate.app()
              + " names no role (aws.roleArn): the worker calls its AWS account with its own"
              + " credentials, and no role needs a trust policy");
    }
    return new TrustPolicy(workerPrincipal, estate.aws().externalId());
  }

  /** The estates whose roles the worker assumes: one, or every one of a directory. */
  private List<Estate> assumingEstates() {
    if (Files.isDirectory(path) && app == null) {
      try {
        return EstateFiles.loadDirectory(path);
      } catch (IllegalArgumentException e) {
        throw new CliFailure(e.getMessage(), e);
      }
    }
    return List.of(estate());
  }

  private IamPolicy assumePolicy(List<Estate> estates) {
    List<String> roles =
        estates.stream()
            .filter(estate -> estate.aws().assumesRole())
            .map(estate -> estate.aws().roleArn())
            .distinct()
            .sorted()
            .toList();
    if (roles.isEmpty()) {
      throw new CliFailure(
          "no estate in "
              + path
              + " names a role (aws.roleArn): the worker calls every app with its own credentials"
              + " and needs no sts:AssumeRole");
    }
    return new IamPolicy(
        List.of(
            new PolicyStatement(
                "AssumeAppAccountRoles", List.of("sts:AssumeRole"), roles, Map.of())));
  }

  private Estate estate() {
    if (Files.isDirectory(path)) {
      if (app == null) {
        throw new ParameterException(
            spec.commandLine(),
            path + " is a directory: name the app with --app, or give the estate file itself");
      }
      List<Estate> estates;
      try {
        estates = EstateFiles.loadDirectory(path);
      } catch (IllegalArgumentException e) {
        throw new CliFailure(e.getMessage(), e);
      }
      return estates.stream()
          .filter(estate -> estate.app().equals(app))
          .findFirst()
          .orElseThrow(
              () ->
                  new CliFailure(
                      "no estate of app "
                          + app
                          + " in "
                          + path
                          + "; it has "
                          + estates.stream().map(Estate::app).sorted().toList()));
    }
    if (app != null) {
      throw new ParameterException(
          spec.commandLine(), "--app is for a directory of estates; " + path + " is a file");
    }
    try {
      return EstateFiles.load(path);
    } catch (NoSuchFileException e) {
      throw new CliFailure("estate file " + path + " does not exist", e);
    } catch (EstateValidationException e) {
      throw new CliFailure(
          e.getMessage() + "\n(check it with ./failover validate " + path + ")", e);
    } catch (IOException e) {
      throw new CliFailure("cannot read estate file " + path + ": " + e.getMessage(), e);
    }
  }

  private String account(Estate estate) {
    Set<String> accounts = IamPolicyGenerator.accounts(estate);
    if (estate.aws().assumesRole()) {
      String role = estate.aws().accountId();
      if (!Set.of(role).containsAll(accounts)) {
        throw new CliFailure(
            "the ARNs of estate "
                + estate.app()
                + " name accounts "
                + accounts
                + ", but its role "
                + estate.aws().roleArn()
                + " is in account "
                + role
                + ", where the worker makes the app's calls: put the app's resources in the"
                + " role's account, or choose with --account-id");
      }
      return role;
    }
    if (accounts.size() > 1) {
      throw new CliFailure(
          "the ARNs of estate "
              + estate.app()
              + " name several accounts "
              + accounts
              + ": choose one with --account-id, or --account-id '*' for any");
    }
    if (accounts.isEmpty()) {
      throw new CliFailure(
          "the ARNs of estate "
              + estate.app()
              + " name no account: give it with --account-id (12 digits, or '*' for any)");
    }
    return accounts.iterator().next();
  }
}
