package dev.regionfailover.activities.flags;

import static dev.regionfailover.activities.TestActivities.nonRetryable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regionfailover.activities.aws.AwsClients;
import dev.regionfailover.activities.aws.EmulatedAws;
import dev.regionfailover.devstack.aws.AwsStack;
import dev.regionfailover.devstack.aws.AwsStackExtension;
import dev.regionfailover.devstack.aws.EmulatorClients;
import dev.regionfailover.workflows.flags.FlagRequest;
import dev.regionfailover.workflows.flags.FlagValue;
import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

@ExtendWith(AwsStackExtension.class)
class FlagActivitiesImplTest {

  private static final String REGION = "us-east-1";
  private static final String FLAG = "/orders/us-east-1/writes-enabled";

  private AwsStack stack;
  private EmulatorClients emulator;
  private AwsClients clients;
  private FlagActivitiesImpl activities;

  @BeforeEach
  void setUp(AwsStack stack, EmulatorClients emulator) {
    this.stack = stack;
    this.emulator = emulator;
    this.clients = EmulatedAws.clients(stack);
    this.activities = new FlagActivitiesImpl(clients);
  }

  @AfterEach
  void tearDown() {
    clients.close();
  }

  @Test
  void missingParameterReadsAsNull() {
    assertThat(activities.read(new FlagRequest(REGION, FLAG)))
        .isEqualTo(new FlagValue(REGION, FLAG, null));
  }

  @Test
  void writeSetsTheParameterAndAnUnchangedWriteCallsNothing() {
    assertThat(activities.write(new FlagValue(REGION, FLAG, "true")))
        .isEqualTo(new FlagValue(REGION, FLAG, "true"));
    assertThat(emulatorValue()).isEqualTo("true");
    long puts = stack.standIn().count("PutParameter");

    activities.write(new FlagValue(REGION, FLAG, "true"));

    assertThat(stack.standIn().count("PutParameter")).isEqualTo(puts);
  }

  @Test
  void writeOverwritesAnExistingValue() {
    emulator.ssm(REGION).putParameter(b -> b.name(FLAG).value("true").type("String"));

    assertThat(activities.write(new FlagValue(REGION, FLAG, "false")).value()).isEqualTo("false");

    assertThat(emulatorValue()).isEqualTo("false");
    assertThat(emulator.ssm(REGION).getParameter(b -> b.name(FLAG)).parameter().version())
        .isEqualTo(2);
  }

  @Test
  void writingNullDeletesTheParameterOnce() {
    emulator.ssm(REGION).putParameter(b -> b.name(FLAG).value("true").type("String"));

    assertThat(activities.write(new FlagValue(REGION, FLAG, null)).value()).isNull();
    assertThatThrownBy(this::emulatorValue).isInstanceOf(ParameterNotFoundException.class);
    long deletes = stack.standIn().count("DeleteParameter");

    activities.write(new FlagValue(REGION, FLAG, null));

    assertThat(stack.standIn().count("DeleteParameter")).isEqualTo(deletes);
  }

  @Test
  void reservedParameterNameIsNonRetryable() {
    ApplicationFailure failure =
        nonRetryable(() -> activities.write(new FlagValue(REGION, "ssm-writes-enabled", "true")));

    assertThat(failure.getOriginalMessage())
        .startsWith("PutParameter on parameter ssm-writes-enabled in us-east-1 failed:")
        .contains("ValidationException");
  }

  private String emulatorValue() {
    return emulator.ssm(REGION).getParameter(b -> b.name(FLAG)).parameter().value();
  }
}
