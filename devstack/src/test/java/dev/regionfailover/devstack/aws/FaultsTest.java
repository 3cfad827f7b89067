package dev.regionfailover.devstack.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.route53recoverycluster.Route53RecoveryClusterClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.sts.StsClient;

@ExtendWith(AwsStackExtension.class)
class FaultsTest {

  private static final String EAST = "us-east-1";
  private static final String WEST = "us-west-2";

  private final AwsStack aws;
  private final EmulatorClients clients;
  private final Faults faults;
  private final List<SdkClient> opened = new ArrayList<>();

  FaultsTest(AwsStack aws, EmulatorClients clients) {
    this.aws = aws;
    this.clients = clients;
    this.faults = aws.standIn().faults();
  }

  @AfterEach
  void closeClients() {
    opened.forEach(SdkClient::close);
  }

  /** One call of each wire protocol family, made with the SDK client of its service. */
  record Family(String name, String operation, String throttlingCode, Consumer<Clients> call) {

    @Override
    public String toString() {
      return name;
    }
  }

  /** Builds clients of any service with a chosen retry strategy, signed for us-east-1. */
  interface Clients {
    <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkClient> C of(
        Supplier<B> builder);
  }

  static Stream<Family> families() {
    return Stream.of(
        new Family(
            "AWS JSON 1.0 (DynamoDB)",
            "ListTables",
            "ThrottlingException",
            c -> c.of(DynamoDbClient::builder).listTables()),
        new Family(
            "AWS JSON 1.1 (SSM)",
            "DescribeParameters",
            "ThrottlingException",
            c -> c.of(SsmClient::builder).describeParameters()),
        new Family(
            "AWS JSON 1.1 (ECS)",
            "ListClusters",
            "ThrottlingException",
            c -> c.of(EcsClient::builder).listClusters()),
        new Family(
            "AWS JSON 1.1 (EventBridge)",
            "ListRules",
            "ThrottlingException",
            c -> c.of(EventBridgeClient::builder).listRules(r -> {})),
        new Family(
            "AWS JSON 1.0, query-compatible (SQS)",
            "ListQueues",
            "ThrottlingException",
            c -> c.of(SqsClient::builder).listQueues()),
        new Family(
            "AWS JSON 1.0 (Route 53 ARC cluster)",
            "ListRoutingControls",
            "ThrottlingException",
            c -> c.of(Route53RecoveryClusterClient::builder).listRoutingControls(r -> {})),
        new Family(
            "query (RDS)",
            "DescribeDBClusters",
            "Throttling",
            c -> c.of(RdsClient::builder).describeDBClusters()),
        new Family(
            "query (Auto Scaling)",
            "DescribeAutoScalingGroups",
            "Throttling",
            c -> c.of(AutoScalingClient::builder).describeAutoScalingGroups()),
        new Family(
            "query (CloudWatch)",
            "ListMetrics",
            "Throttling",
            c -> c.of(CloudWatchClient::builder).listMetrics()),
        new Family(
            "query (STS)",
            "GetCallerIdentity",
            "Throttling",
            c -> c.of(StsClient::builder).getCallerIdentity()),
        new Family(
            "EC2 query",
            "DescribeAvailabilityZones",
            "RequestLimitExceeded",
            c -> c.of(Ec2Client::builder).describeAvailabilityZones()),
        new Family(
            "REST-JSON (Lambda)",
            "ListFunctions",
            "ThrottlingException",
            c -> c.of(LambdaClient::builder).listFunctions()),
        new Family(
            "REST-JSON (Scheduler)",
            "ListSchedules",
            "ThrottlingException",
            c -> c.of(SchedulerClient::builder).listSchedules(r -> {})));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("families")
  void throttlingIsClassifiedAsThrottlingAndRetriedByTheStandardStrategy(Family family) {
    faults.throttle(1);
    AwsServiceException throttled =
        catchThrowableOfType(
            AwsServiceException.class,
            () -> family.call().accept(withRetries(AwsRetryStrategy.doNotRetry())));
    assertThat(throttled.isThrottlingException()).isTrue();
    assertThat(throttled.awsErrorDetails().errorCode()).isEqualTo(family.throttlingCode());
    assertThat(aws.standIn().rejected(EAST, family.operation())).isEqualTo(1);

    // A client error is retried only when the SDK classifies it as throttling.
    faults.throttle(0.5);
    family.call().accept(withRetries(RetryMode.STANDARD));

    assertThat(aws.standIn().rejected(EAST, family.operation())).isEqualTo(2);
    assertThat(aws.standIn().count(EAST, family.operation())).isEqualTo(1);
  }

  @Test
  void throttledWritesAreRetriedAndTakeEffectOnce() {
    DynamoDbClient dynamo = clients.dynamo(EAST);
    dynamo.createTable(
        r ->
            r.tableName("counters")
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .attributeDefinitions(
                    a -> a.attributeName("id").attributeType(ScalarAttributeType.S)));
    faults.throttle(0.5);

    dynamo.updateItem(
        r ->
            r.tableName("counters")
                .key(Map.of("id", AttributeValue.fromS("a")))
                .updateExpression("ADD n :one")
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
    clients
        .ssm(WEST)
        .putParameter(r -> r.name("/once").value("v").type(ParameterType.STRING).overwrite(false));
    clients
        .rds(WEST)
        .createGlobalCluster(r -> r.globalClusterIdentifier("g").engine("aurora-postgresql"));

    faults.clear();
    assertThat(
            dynamo
                .getItem(r -> r.tableName("counters").key(Map.of("id", AttributeValue.fromS("a"))))
                .item()
                .get("n")
                .n())
        .isEqualTo("1");
    for (String operation : List.of("UpdateItem", "PutParameter", "CreateGlobalCluster")) {
      assertThat(aws.standIn().count(operation)).as(operation).isEqualTo(1);
      assertThat(aws.standIn().rejected(operation)).as(operation).isEqualTo(1);
    }
  }

  @Test
  void sharesFaultTheFirstRequestAndThenEveryNthReproducibly() {
    DynamoDbClient dynamo = withRetries(AwsRetryStrategy.doNotRetry()).of(DynamoDbClient::builder);
    List<Boolean> firstRun = throttledCalls(dynamo, 7);
    List<Boolean> secondRun = throttledCalls(dynamo, 7);

    assertThat(firstRun).containsExactly(true, false, false, true, false, false, true);
    assertThat(secondRun).isEqualTo(firstRun);
  }

  @Test
  void serverErrorsAnswer503AndAreRetried() {
    faults.serverErrors(1);
    AwsServiceException unavailable =
        catchThrowableOfType(
            AwsServiceException.class,
            () ->
                withRetries(AwsRetryStrategy.doNotRetry())
                    .of(RdsClient::builder)
                    .describeDBClusters());
    assertThat(unavailable.statusCode()).isEqualTo(503);
    assertThat(unavailable.isThrottlingException()).isFalse();

    faults.serverErrors(0.5);
    clients.ssm(EAST).putParameter(r -> r.name("/p").value("v").type(ParameterType.STRING));
    clients.dynamo(EAST).listTables();
    clients.rds(EAST).describeDBClusters();

    for (String operation : List.of("PutParameter", "ListTables")) {
      assertThat(aws.standIn().count(EAST, operation)).as(operation).isEqualTo(1);
      assertThat(aws.standIn().rejected(EAST, operation)).as(operation).isEqualTo(1);
    }
    assertThat(aws.standIn().count(EAST, "DescribeDBClusters")).isEqualTo(1);
    assertThat(aws.standIn().rejected(EAST, "DescribeDBClusters")).isEqualTo(2);
  }

  @Test
  void aRefusedRegionFailsAtTheConnectionWithoutSideEffectsWhileOthersServe() {
    faults.refuseRegion(EAST);

    assertThatThrownBy(
            () ->
                clients
                    .ssm(EAST)
                    .putParameter(r -> r.name("/refused").value("v").type(ParameterType.STRING)))
        .isInstanceOf(SdkClientException.class)
        .hasRootCauseInstanceOf(IOException.class);
    assertThatThrownBy(() -> clients.rds(EAST).describeDBClusters())
        .isInstanceOf(SdkClientException.class);
    // DynamoDB clients retry I/O errors eight times by default; one attempt shows the fault.
    DynamoDbClient dynamo = withRetries(AwsRetryStrategy.doNotRetry()).of(DynamoDbClient::builder);
    assertThatThrownBy(dynamo::listTables).isInstanceOf(SdkClientException.class);
    clients.ssm(WEST).putParameter(r -> r.name("/west").value("v").type(ParameterType.STRING));

    assertThat(aws.standIn().rejected(EAST, "PutParameter")).isGreaterThan(1);
    assertThat(aws.standIn().rejected(EAST, "DescribeDBClusters")).isGreaterThan(1);
    assertThat(aws.standIn().rejected(EAST, "ListTables")).isEqualTo(1);
    assertThat(aws.standIn().count(EAST, "PutParameter")).isZero();
    assertThat(aws.standIn().count(WEST, "PutParameter")).isEqualTo(1);

    faults.restoreRegion(EAST);
    assertThat(clients.ssm(EAST).describeParameters().parameters()).isEmpty();
    assertThat(dynamo.listTables().tableNames()).isEmpty();
  }

  @Test
  void globalServicesAndMotosOwnApiStayUpWhenUsEast1IsRefused() throws Exception {
    faults.refuseRegion(EAST);

    clients
        .route53()
        .createHostedZone(
            r -> r.name("example.com.").callerReference(UUID.randomUUID().toString()));
    assertThat(clients.route53().listHostedZones().hostedZones()).hasSize(1);
    assertThat(clients.iam().listRoles().roles()).isEmpty();
    HttpResponse<String> motoApi =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(aws.endpoint().resolve("/moto-api/data.json")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(motoApi.statusCode()).isEqualTo(200);
    DynamoDbClient dynamo = withRetries(AwsRetryStrategy.doNotRetry()).of(DynamoDbClient::builder);
    assertThatThrownBy(dynamo::listTables).isInstanceOf(SdkClientException.class);

    assertThat(aws.standIn().count(EAST, "CreateHostedZone")).isEqualTo(1);
    assertThat(aws.standIn().count(EAST, "ListRoles")).isEqualTo(1);
    assertThat(aws.standIn().rejected(EAST, "ListTables")).isEqualTo(1);
  }

  @Test
  void latencyDelaysEveryRegionalRequest() {
    faults.latency(Duration.ofMillis(400));

    long start = System.nanoTime();
    clients.dynamo(EAST).listTables();
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    assertThat(aws.standIn().count(EAST, "ListTables")).isEqualTo(1);
  }

  @Test
  void resetClearsEveryFault() {
    faults.refuseRegion(WEST);
    faults.throttle(1);
    faults.serverErrors(1);
    faults.latency(Duration.ofSeconds(30));

    aws.reset();

    long start = System.nanoTime();
    DynamoDbClient dynamo = withRetries(AwsRetryStrategy.doNotRetry()).of(DynamoDbClient::builder);
    dynamo.listTables();
    clients.ssm(WEST).describeParameters();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(aws.standIn().rejected("ListTables")).isZero();
    assertThat(aws.standIn().count("ListTables")).isEqualTo(1);
  }

  @Test
  void refusesASharePastOne() {
    assertThatThrownBy(() -> faults.throttle(1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the share of throttling must be 0 to 1: 1.5");
    assertThatThrownBy(() -> faults.serverErrors(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the share of server errors must be 0 to 1: NaN");
  }

  private List<Boolean> throttledCalls(DynamoDbClient dynamo, int calls) {
    faults.throttle(1.0 / 3);
    List<Boolean> throttled = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      try {
        dynamo.listTables();
        throttled.add(false);
      } catch (AwsServiceException e) {
        throttled.add(e.isThrottlingException());
      }
    }
    return throttled;
  }

  private Clients withRetries(RetryStrategy strategy) {
    return clients(o -> o.retryStrategy(strategy));
  }

  private Clients withRetries(RetryMode mode) {
    return clients(o -> o.retryStrategy(mode));
  }

  private Clients clients(Consumer<ClientOverrideConfiguration.Builder> retries) {
    return new Clients() {
      @Override
      public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkClient>
          C of(Supplier<B> builder) {
        C client =
            builder
                .get()
                .region(Region.of(EAST))
                .endpointOverride(aws.endpoint())
                .credentialsProvider(
                    StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(
                            EmulatorClients.CREDENTIAL, EmulatorClients.CREDENTIAL)))
                .overrideConfiguration(retries)
                .build();
        opened.add(client);
        return client;
      }
    };
  }
}
