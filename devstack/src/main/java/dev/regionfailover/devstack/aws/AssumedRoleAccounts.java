package dev.regionfailover.devstack.aws;

import static java.util.Objects.requireNonNull;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the answers to STS {@code AssumeRole} as they pass through to the caller, and tells the
 * {@link Quotas} which account each access key it hands out belongs to: the account of the assumed
 * role's ARN. That is how AWS counts a call signed with temporary credentials against the role's
 * account.
 */
final class AssumedRoleAccounts implements ServeEventListener {

  static final String NAME = "aws-stand-in-assumed-role-accounts";

  private static final Pattern ACCESS_KEY = Pattern.compile("<AccessKeyId>([^<]+)</AccessKeyId>");
  private static final Pattern ROLE_ACCOUNT =
      Pattern.compile("<Arn>arn:[^:<]+:sts::(\\d{12}):assumed-role/");

  private final Quotas quotas;

  AssumedRoleAccounts(Quotas quotas) {
    this.quotas = requireNonNull(quotas, "quotas is null");
  }

  @Override
  public void afterComplete(ServeEvent serveEvent, Parameters parameters) {
    var request = serveEvent.getRequest();
    if (!QueryForm.isForm(request.getHeader("Content-Type"))
        || !"AssumeRole".equals(QueryForm.parse(request.getBodyAsString()).get("Action"))) {
      return;
    }
    String answer = serveEvent.getResponse().getBodyAsString();
    if (answer == null) {
      return;
    }
    Matcher key = ACCESS_KEY.matcher(answer);
    Matcher account = ROLE_ACCOUNT.matcher(answer);
    if (key.find() && account.find()) {
      quotas.learn(key.group(1), account.group(1));
    }
  }

  @Override
  public String getName() {
    return NAME;
  }
}
