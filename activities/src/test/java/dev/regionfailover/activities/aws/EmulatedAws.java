package dev.regionfailover.activities.aws;

import dev.regionfailover.devstack.aws.AwsStack;
import dev.regionfailover.devstack.aws.EmulatorClients;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The production {@link AwsClients}, pointed at the emulated AWS of a test. */
public final class EmulatedAws {

  private EmulatedAws() {}

  public static AwsSettings settings(AwsStack stack) {
    return new AwsSettings(
        Optional.of(stack.endpoint()),
        StaticCredentialsProvider.create(
            AwsBasicCredentials.create(EmulatorClients.CREDENTIAL, EmulatorClients.CREDENTIAL)),
        Duration.ofSeconds(20),
        Duration.ofSeconds(10),
        2);
  }

  public static AwsClients clients(AwsStack stack) {
    return new AwsClients(settings(stack));
  }
}
