package dev.regionfailover.devstack.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.github.tomakehurst.wiremock.http.Request;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one AWS request asks to do in IAM's terms: the actions and resource ARNs an IAM policy must
 * allow for it, derived from the request as the SDK sent it (the JSON body, the query form, or the
 * path of a REST request). Resources are named in moto's account, {@value #ACCOUNT}, which is the
 * account of the example estate. Only the services and operations the project calls are understood
 * in detail; any other request is recorded with the resource {@value
 * RecordedOperation#ANY_RESOURCE}, so that a policy check still sees its action.
 */
final class RequestedResources {

  /** The account moto puts every resource in when the access key is not one of its IAM users'. */
  static final String ACCOUNT = "123456789012";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ANY = RecordedOperation.ANY_RESOURCE;
  private static final Pattern REST_RESOURCE =
      Pattern.compile(
          "/2013-04-01/(hostedzone|healthcheck|change)/([^/?]+).*"
              + "|/2015-03-31/event-source-mappings/([^/?]+).*"
              + "|/schedules/([^/?]+).*");

  private final Request request;
  private final CredentialScope scope;
  private final String operation;
  private final JsonNode body;
  private final Map<String, String> form;
  private final List<RecordedOperation> recorded = new ArrayList<>();

  private RequestedResources(Request request, CredentialScope scope, String operation) {
    this.request = request;
    this.scope = scope;
    this.operation = operation;
    this.form =
        QueryForm.isForm(request.getHeader("Content-Type"))
            ? QueryForm.parse(request.getBodyAsString())
            : Map.of();
    this.body = form.isEmpty() ? json(request.getBodyAsString()) : MissingNode.getInstance();
  }

  /** The actions and resources of a request signed with {@code scope} for {@code operation}. */
  static List<RecordedOperation> of(Request request, CredentialScope scope, String operation) {
    RequestedResources resources = new RequestedResources(request, scope, operation);
    resources.derive();
    return List.copyOf(resources.recorded);
  }

  private void derive() {
    switch (scope.service()) {
      case "dynamodb" -> dynamoDb();
      case "ssm" -> each(operation, texts("Name", "Names"), this::ssmParameter);
      case "sqs" -> sqs();
      case "ecs" -> ecs();
      case "events" -> events();
      case "scheduler" -> scheduler();
      case "lambda" -> lambda();
      case "route53" -> route53();
      case "route53-recovery-cluster" -> arc();
      case "globalaccelerator" -> each(operation, texts("EndpointGroupArn"), arn -> arn);
      case "rds" -> rds();
      case "autoscaling" -> autoScaling();
      case "monitoring" -> cloudWatch();
      default -> add(operation, ANY);
    }
  }

  private void dynamoDb() {
    if (operation.equals("TransactWriteItems")) {
      // IAM authorizes each item of a transaction as its own action; there is no action named
      // TransactWriteItems.
      for (JsonNode item : body.path("TransactItems")) {
        item.fields()
            .forEachRemaining(
                kind ->
                    add(
                        transactAction(kind.getKey()),
                        table(kind.getValue().path("TableName").asText())));
      }
      return;
    }
    if (operation.equals("BatchGetItem") || operation.equals("BatchWriteItem")) {
      body.path("RequestItems").fieldNames().forEachRemaining(name -> add(operation, table(name)));
      return;
    }
    String table = body.path("TableName").asText("");
    if (table.isEmpty()) {
      add(operation, ANY);
      return;
    }
    String index = body.path("IndexName").asText("");
    add(operation, index.isEmpty() ? table(table) : table(table) + "/index/" + index);
  }

  private static String transactAction(String kind) {
    return switch (kind) {
      case "ConditionCheck" -> "ConditionCheckItem";
      case "Put" -> "PutItem";
      case "Update" -> "UpdateItem";
      case "Delete" -> "DeleteItem";
      default -> kind;
    };
  }

  private String table(String name) {
    return arn("dynamodb", "table/" + name);
  }

  private String ssmParameter(String name) {
    return arn("ssm", "parameter/" + (name.startsWith("/") ? name.substring(1) : name));
  }

  private void sqs() {
    String queue = text("QueueName");
    if (queue.isEmpty()) {
      String url = text("QueueUrl");
      queue = url.substring(url.lastIndexOf('/') + 1);
    }
    // Batches are authorized as the single-message action they repeat.
    String action = operation.replace("MessageBatch", "Message");
    add(action, queue.isEmpty() ? ANY : arn("sqs", queue));
  }

  private void ecs() {
    String cluster = lastSegment(text("cluster"));
    List<String> services = texts("service", "services");
    if (cluster.isEmpty() || services.isEmpty()) {
      add(operation, ANY);
      return;
    }
    each(operation, services, s -> arn("ecs", "service/" + cluster + "/" + lastSegment(s)));
  }

  private void events() {
    String name = text("Name");
    String bus = text("EventBusName");
    String rule = bus.isEmpty() || bus.equals("default") ? name : lastSegment(bus) + "/" + name;
    add(operation, name.isEmpty() ? ANY : arn("events", "rule/" + rule));
  }

  private void scheduler() {
    Matcher path = REST_RESOURCE.matcher(path());
    if (!path.matches() || path.group(4) == null) {
      add(operation, ANY);
      return;
    }
    String group = text("GroupName");
    if (group.isEmpty()) {
      group = queryParameter("groupName");
    }
    add(
        operation,
        arn(
            "scheduler",
            "schedule/" + (group.isEmpty() ? "default" : group) + "/" + path.group(4)));
  }

  private void lambda() {
    Matcher path = REST_RESOURCE.matcher(path());
    boolean mapping = path.matches() && path.group(3) != null;
    add(operation, mapping ? arn("lambda", "event-source-mapping:" + path.group(3)) : ANY);
  }

  private void route53() {
    Matcher path = REST_RESOURCE.matcher(path());
    if (!path.matches() || path.group(1) == null) {
      add(operation, ANY);
      return;
    }
    add(operation, "arn:aws:route53:::" + path.group(1) + "/" + path.group(2));
  }

  private void arc() {
    List<String> arns = texts("RoutingControlArn");
    for (JsonNode entry : body.path("UpdateRoutingControlStateEntries")) {
      arns = new ArrayList<>(arns);
      arns.add(entry.path("RoutingControlArn").asText());
    }
    each(operation, arns, arn -> arn);
  }

  private void rds() {
    List<String> resources = new ArrayList<>();
    String global = text("GlobalClusterIdentifier");
    if (!global.isEmpty()) {
      resources.add("arn:aws:rds::" + ACCOUNT + ":global-cluster:" + global);
    }
    for (String cluster : texts("DBClusterIdentifier", "TargetDbClusterIdentifier")) {
      resources.add(cluster.startsWith("arn:") ? cluster : arn("rds", "cluster:" + cluster));
    }
    each(operation, resources, resource -> resource);
  }

  private void autoScaling() {
    // The ARN of a group carries an id that requests never name; '*' stands in for it.
    each(
        operation,
        texts("AutoScalingGroupName"),
        name -> arn("autoscaling", "autoScalingGroup:*:autoScalingGroupName/" + name));
  }

  private void cloudWatch() {
    each(
        "cloudwatch:" + operation, texts("AlarmNames"), name -> arn("cloudwatch", "alarm:" + name));
  }

  /** Records {@code action} on each resource, or on any resource when there is none. */
  private void each(String action, List<String> names, Function<String, String> resource) {
    if (names.isEmpty()) {
      add(action, ANY);
      return;
    }
    names.forEach(name -> add(action, resource.apply(name)));
  }

  private void add(String action, String resource) {
    String qualified = action.contains(":") ? action : scope.service() + ":" + action;
    recorded.add(
        new RecordedOperation(scope.accessKey(), qualified, scope.region(), resource, operation));
  }

  private String arn(String service, String resource) {
    return "arn:aws:" + service + ":" + scope.region() + ":" + ACCOUNT + ":" + resource;
  }

  private String text(String name) {
    List<String> values = texts(name);
    return values.isEmpty() ? "" : values.get(0);
  }

  /**
   * The values of the first of {@code names} that the request carries: a JSON string or array of
   * strings, or a query-form parameter, or its members {@code Name.member.1} and so on.
   */
  private List<String> texts(String... names) {
    for (String name : names) {
      List<String> values = new ArrayList<>();
      JsonNode node = body.path(name);
      if (node.isArray()) {
        node.forEach(value -> values.add(value.asText()));
      } else if (node.isValueNode()) {
        values.add(node.asText());
      }
      if (form.containsKey(name)) {
        values.add(form.get(name));
      }
      for (int member = 1; form.containsKey(name + ".member." + member); member++) {
        values.add(form.get(name + ".member." + member));
      }
      values.removeIf(String::isBlank);
      if (!values.isEmpty()) {
        return values;
      }
    }
    return List.of();
  }

  private String path() {
    String url = request.getUrl();
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }

  private String queryParameter(String name) {
    String url = request.getUrl();
    int query = url.indexOf('?');
    return query < 0 ? "" : QueryForm.parse(url.substring(query + 1)).getOrDefault(name, "");
  }

  private static String lastSegment(String nameOrArn) {
    return nameOrArn.substring(nameOrArn.lastIndexOf('/') + 1);
  }

  private static JsonNode json(String text) {
    if (text == null || text.isBlank() || !text.strip().startsWith("{")) {
      return MissingNode.getInstance();
    }
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      return MissingNode.getInstance();
    }
  }
}
