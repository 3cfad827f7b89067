package dev.regionfailover.devstack.estate;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.devstack.aws.EmulatorClients;
import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.estate.EventBridgeRuleRef;
import dev.regionfailover.workflows.estate.EventSourceMappingRef;
import dev.regionfailover.workflows.estate.Fleet;
import dev.regionfailover.workflows.estate.ScheduleRef;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates the serverless background workers of an estate's fleets: Lambda event source mappings
 * with their SQS queues and functions, EventBridge rules and EventBridge Scheduler schedules. They
 * run (are enabled) in the active region and are disabled everywhere else. Every resource is
 * created only when missing, so running twice changes nothing.
 */
final class WorkerProvisioner {

  /** The schedule expression of every provisioned rule on the default bus. */
  static final String RULE_SCHEDULE = "rate(1 day)";

  /** The schedule expression of every provisioned schedule. */
  static final String SCHEDULE_RATE = "rate(1 hour)";

  private static final Logger log = LoggerFactory.getLogger(WorkerProvisioner.class);
  private static final String DEFAULT = "default";
  private static final Pattern SQS_ARN =
      Pattern.compile("arn:aws:sqs:([a-z0-9-]+):(\\d{12}):([A-Za-z0-9_-]+)");
  private static final String TRUST_POLICY =
      """
      {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
        "Principal": {"Service": ["lambda.amazonaws.com", "scheduler.amazonaws.com"]}}]}
      """;
  private static final String HANDLER = "handler.handler";

  /** A function that does nothing; moto stores its code and never runs it. */
  private static final SdkBytes FUNCTION_ZIP = functionZip();

  private final EmulatorClients clients;

  WorkerProvisioner(EmulatorClients clients) {
    this.clients = requireNonNull(clients, "clients is null");
  }

  /** The queue every schedule of {@code app} targets, in each region that has schedules. */
  static String scheduleQueue(String app) {
    return app + "-scheduled-jobs";
  }

  /** The IAM role the functions and schedules of {@code app} run as. */
  static String role(String app) {
    return app + "-devstack-workers";
  }

  /** Creates the workers of {@code region}'s fleet, enabled only when {@code active}. */
  void provision(Estate estate, String region, boolean active) {
    Fleet fleet = estate.fleet(region);
    if (fleet.lambdaEventSourceMappings().isEmpty()
        && fleet.eventBridgeRules().isEmpty()
        && fleet.schedules().isEmpty()) {
      return;
    }
    String roleArn = roleArn(estate.app());
    for (EventSourceMappingRef mapping : fleet.lambdaEventSourceMappings()) {
      provisionMapping(region, mapping, roleArn, active);
    }
    for (EventBridgeRuleRef rule : fleet.eventBridgeRules()) {
      provisionRule(estate.app(), region, rule, active);
    }
    if (!fleet.schedules().isEmpty()) {
      String target = queueArn(clients.sqs(region), scheduleQueue(estate.app()));
      for (ScheduleRef schedule : fleet.schedules()) {
        provisionSchedule(region, schedule, target, roleArn, active);
      }
    }
    log.info(
        "Workers of {} in {} provisioned {}: {} event source mappings, {} rules, {} schedules",
        estate.app(),
        region,
        active ? "enabled" : "disabled",
        fleet.lambdaEventSourceMappings().size(),
        fleet.eventBridgeRules().size(),
        fleet.schedules().size());
  }

  /** The ARN of the role, creating it once: IAM is global. */
  private String roleArn(String app) {
    String name = role(app);
    try {
      return clients.iam().getRole(r -> r.roleName(name)).role().arn();
    } catch (NoSuchEntityException e) {
      return clients
          .iam()
          .createRole(r -> r.roleName(name).assumeRolePolicyDocument(TRUST_POLICY))
          .role()
          .arn();
    }
  }

  private void provisionMapping(
      String region, EventSourceMappingRef mapping, String roleArn, boolean enabled) {
    String arn = mapping.eventSourceArn();
    Matcher sqs = SQS_ARN.matcher(arn);
    if (!sqs.matches()) {
      throw new IllegalStateException(
          "fleets."
              + region
              + " maps function "
              + mapping.function()
              + " to event source "
              + arn
              + ", but the emulator estate can only create SQS queues"
              + " (arn:aws:sqs:REGION:123456789012:NAME)");
    }
    if (!sqs.group(1).equals(region)) {
      throw new IllegalStateException(
          "fleets."
              + region
              + " maps function "
              + mapping.function()
              + " to queue "
              + arn
              + " in "
              + sqs.group(1)
              + "; an event source mapping reads a queue of its own region");
    }
    String created = queueArn(clients.sqs(region), sqs.group(3));
    if (!created.equals(arn)) {
      throw new IllegalStateException(
          "fleets."
              + region
              + " names queue "
              + arn
              + ", but the emulator created "
              + created
              + "; use the emulator's account 123456789012 in the ARN");
    }
    LambdaClient lambda = clients.lambda(region);
    createFunctionIfMissing(lambda, mapping.function(), roleArn);
    // moto accepts a second mapping of the same queue and function, so look before creating. It
    // also filters by the function name exactly as given at creation, so both use the bare name.
    boolean exists =
        !lambda
            .listEventSourceMappings(r -> r.functionName(mapping.function()).eventSourceArn(arn))
            .eventSourceMappings()
            .isEmpty();
    if (!exists) {
      lambda.createEventSourceMapping(
          r -> r.functionName(mapping.function()).eventSourceArn(arn).enabled(enabled));
    }
  }

  private static void createFunctionIfMissing(LambdaClient lambda, String name, String roleArn) {
    try {
      lambda.getFunction(r -> r.functionName(name));
    } catch (software.amazon.awssdk.services.lambda.model.ResourceNotFoundException e) {
      lambda.createFunction(
          r ->
              r.functionName(name)
                  .runtime(Runtime.PYTHON3_12)
                  .role(roleArn)
                  .handler(HANDLER)
                  .code(c -> c.zipFile(FUNCTION_ZIP)));
    }
  }

  /** The ARN of the queue {@code name}, creating the queue when it is missing. */
  private static String queueArn(SqsClient sqs, String name) {
    String url = sqs.createQueue(r -> r.queueName(name)).queueUrl();
    return sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
        .attributes()
        .get(QueueAttributeName.QUEUE_ARN);
  }

  private void provisionRule(String app, String region, EventBridgeRuleRef rule, boolean enabled) {
    EventBridgeClient events = clients.eventBridge(region);
    boolean defaultBus = rule.eventBus().equals(DEFAULT);
    if (!defaultBus) {
      try {
        events.describeEventBus(r -> r.name(rule.eventBus()));
      } catch (software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException e) {
        events.createEventBus(r -> r.name(rule.eventBus()));
      }
    }
    if (ruleExists(events, rule)) {
      return;
    }
    // EventBridge runs schedule expressions only on the default bus; other buses match events.
    events.putRule(
        r -> {
          r.name(rule.name())
              .eventBusName(rule.eventBus())
              .state(enabled ? RuleState.ENABLED : RuleState.DISABLED);
          if (defaultBus) {
            r.scheduleExpression(RULE_SCHEDULE);
          } else {
            r.eventPattern("{\"source\": [\"" + app + "\"]}");
          }
        });
  }

  private void provisionSchedule(
      String region, ScheduleRef schedule, String target, String roleArn, boolean enabled) {
    SchedulerClient scheduler = clients.scheduler(region);
    // moto silently replaces an existing group, dropping its schedules, so look before creating.
    if (!schedule.group().equals(DEFAULT)) {
      try {
        scheduler.getScheduleGroup(r -> r.name(schedule.group()));
      } catch (software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException e) {
        scheduler.createScheduleGroup(r -> r.name(schedule.group()));
      }
    }
    if (scheduleExists(scheduler, schedule)) {
      return;
    }
    scheduler.createSchedule(
        r ->
            r.groupName(schedule.group())
                .name(schedule.name())
                .scheduleExpression(SCHEDULE_RATE)
                .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                .target(t -> t.arn(target).roleArn(roleArn))
                .state(enabled ? ScheduleState.ENABLED : ScheduleState.DISABLED));
  }

  private static boolean ruleExists(EventBridgeClient events, EventBridgeRuleRef rule) {
    try {
      events.describeRule(r -> r.name(rule.name()).eventBusName(rule.eventBus()));
      return true;
    } catch (software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException e) {
      return false;
    }
  }

  private static boolean scheduleExists(SchedulerClient scheduler, ScheduleRef schedule) {
    try {
      scheduler.getSchedule(r -> r.groupName(schedule.group()).name(schedule.name()));
      return true;
    } catch (software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException e) {
      return false;
    }
  }

  private static SdkBytes functionZip() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("handler.py"));
      zip.write("def handler(event, context):\n    return None\n".getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a zip to memory", e);
    }
    return SdkBytes.fromByteArray(bytes.toByteArray());
  }
}
