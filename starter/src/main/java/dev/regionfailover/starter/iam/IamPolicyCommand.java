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

/** {@code iam-policy ESTATE}: prints the least-privilege IAM policy of the worker for an estate. */
@Command(
    name = "iam-policy",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the least-privilege IAM policy the worker needs for one estate: every AWS action the"
          + " activities call, scoped to the estate's own resources. Statements whose Sid says"
          + " NoResourceLevelPermissions or IdsAssignedByAws allow every resource of their"
          + " actions, because AWS cannot scope them or the estate does not name the ids.",
      "Touches neither Temporal nor AWS."
    })
public final class IamPolicyCommand implements Callable<Integer> {

  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}|\\*");

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

  @Override
  public Integer call() {
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
