package dev.regionfailover.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The worker's Helm chart, linted and rendered by the real helm: with its default values, and with
 * the values of a production installation (mTLS and an API key from Secrets, EKS Pod Identity,
 * metrics scraped by the Prometheus Operator). Invalid values must be refused by its schema.
 */
class HelmChartTest {

  private static final String PRODUCTION =
      "--values=" + RenderedChart.resource("helm/production-values.yaml");

  private static final String ORDERS_ESTATE =
      "--set-file=estates.files.orders\\.yaml="
          + RepositoryRoot.find().resolve("deploy/estates/orders.yaml");

  @Test
  void lintsCleanWithItsDefaultsAndWithProductionValues() throws IOException {
    for (List<String> values : List.of(List.<String>of(), List.of(PRODUCTION, ORDERS_ESTATE))) {
      List<String> command = new ArrayList<>(List.of(Tools.helm().toString(), "lint", "--strict"));
      command.add(RepositoryRoot.chart().toString());
      command.addAll(values);
      ToolRun lint = ToolRun.run(command, RepositoryRoot.find(), Duration.ofMinutes(1));
      assertThat(lint.exitCode()).as(lint::describe).isZero();
      assertThat(lint.output()).as(lint::describe).contains("0 chart(s) failed");
    }
  }

  @Test
  void runsAtLeastTwoWorkersSpreadAcrossZonesWithADisruptionBudget() throws IOException {
    RenderedChart chart = RenderedChart.render();

    JsonNode deployment = chart.one("Deployment");
    assertThat(deployment.path("spec").path("replicas").asInt()).isGreaterThanOrEqualTo(2);
    JsonNode podLabels = deployment.path("spec").path("template").path("metadata").path("labels");
    JsonNode spread =
        deployment.path("spec").path("template").path("spec").path("topologySpreadConstraints");
    assertThat(spread.findValuesAsText("topologyKey")).contains("topology.kubernetes.io/zone");
    spread.forEach(
        constraint ->
            assertThat(labelsMatch(constraint.path("labelSelector").path("matchLabels"), podLabels))
                .as("the spread constraint selects the workers")
                .isTrue());

    JsonNode budget = chart.one("PodDisruptionBudget").path("spec");
    assertThat(budget.path("minAvailable").asInt()).isEqualTo(1);
    assertThat(labelsMatch(budget.path("selector").path("matchLabels"), podLabels))
        .as("the PodDisruptionBudget selects the workers")
        .isTrue();
  }

  @Test
  void probesTheWorkersHealthAndReadinessOnItsHttpPort() throws IOException {
    RenderedChart chart = RenderedChart.render();
    JsonNode worker = chart.worker();

    JsonNode port = worker.path("ports").get(0);
    assertThat(port.path("name").asText()).isEqualTo("http");
    assertThat(port.path("containerPort").asInt()).isEqualTo(8080);
    assertThat(chart.envValue("FAILOVER_HTTP_PORT")).isEqualTo("8080");
    for (String probe : List.of("startupProbe", "livenessProbe")) {
      assertThat(worker.path(probe).path("httpGet").path("path").asText())
          .as(probe)
          .isEqualTo("/healthz");
      assertThat(worker.path(probe).path("httpGet").path("port").asText())
          .as(probe)
          .isEqualTo("http");
    }
    assertThat(worker.path("readinessProbe").path("httpGet").path("path").asText())
        .isEqualTo("/readyz");
    assertThat(worker.path("readinessProbe").path("httpGet").path("port").asText())
        .isEqualTo("http");
  }

  @Test
  void givesTheWorkerLongerThanItsShutdownGraceToDrain() throws IOException {
    for (String[] values : List.of(new String[0], new String[] {PRODUCTION})) {
      RenderedChart chart = RenderedChart.render(values);
      Duration grace = Duration.parse(chart.envValue("FAILOVER_SHUTDOWN_GRACE"));
      long termination =
          chart
              .one("Deployment")
              .path("spec")
              .path("template")
              .path("spec")
              .path("terminationGracePeriodSeconds")
              .asLong();
      assertThat(termination).isGreaterThanOrEqualTo(grace.toSeconds() + 5);
    }
    assertThat(RenderedChart.render(PRODUCTION).envValue("FAILOVER_SHUTDOWN_GRACE"))
        .isEqualTo("PT120S");
  }

  @Test
  void passesTheQuotaRatesToTheWorker() throws IOException {
    RenderedChart defaults = RenderedChart.render();
    RenderedChart lowered = RenderedChart.render("--set-json=quotas.route53PerSecond=2.5");

    assertThat(defaults.envValue("FAILOVER_QUOTA_ROUTE53")).isEqualTo("4");
    assertThat(defaults.envValue("FAILOVER_QUOTA_RDS")).isEqualTo("4");
    assertThat(defaults.envValue("FAILOVER_QUOTA_GLOBALACCELERATOR")).isEqualTo("4");
    assertThat(lowered.envValue("FAILOVER_QUOTA_ROUTE53")).isEqualTo("2.5");
  }

  @Test
  void runsTheWorkerWithARestrictiveSecurityContext() throws IOException {
    RenderedChart chart = RenderedChart.render();
    JsonNode pod = chart.one("Deployment").path("spec").path("template").path("spec");
    assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
    assertThat(pod.path("securityContext").path("seccompProfile").path("type").asText())
        .isEqualTo("RuntimeDefault");
    assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).isFalse();

    JsonNode container = chart.worker().path("securityContext");
    assertThat(container.path("runAsNonRoot").asBoolean()).isTrue();
    assertThat(container.path("runAsUser").asInt()).isNotZero();
    assertThat(container.path("readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(container.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
    assertThat(container.path("privileged").asBoolean(true)).isFalse();
    assertThat(container.path("capabilities").path("drop").toString()).isEqualTo("[\"ALL\"]");
    assertThat(container.path("seccompProfile").path("type").asText()).isEqualTo("RuntimeDefault");
    assertThat(chart.volumeHolding("/tmp/jvm").path("emptyDir").isObject())
        .as("a writable /tmp on the read-only root")
        .isTrue();
    assertThat(chart.worker().path("resources").path("requests").path("memory").asText())
        .isNotEmpty();
    assertThat(chart.worker().path("resources").path("limits").path("memory").asText())
        .isNotEmpty();
  }

  @Test
  void mountsTheEstatesFromAConfigMapWhereTheWorkerReadsThem() throws IOException {
    RenderedChart chart = RenderedChart.render(PRODUCTION, ORDERS_ESTATE);
    String directory = chart.envValue("FAILOVER_ESTATES_DIR");
    JsonNode volume = chart.volumeHolding(directory + "/orders.yaml");
    JsonNode configMap = chart.one("ConfigMap");
    assertThat(volume.path("configMap").path("name").asText())
        .isEqualTo(configMap.path("metadata").path("name").asText());
    assertThat(configMap.path("data").path("orders.yaml").asText()).contains("app: orders");

    RenderedChart existing = RenderedChart.render("--set=estates.existingConfigMap=team-estates");
    assertThat(existing.all("ConfigMap")).isEmpty();
    assertThat(
            existing
                .volumeHolding(directory + "/orders.yaml")
                .path("configMap")
                .path("name")
                .asText())
        .isEqualTo("team-estates");
  }

  @Test
  void connectsToTemporalWithTheApiKeyAndMtlsFilesFromSecrets() throws IOException {
    RenderedChart chart = RenderedChart.render(PRODUCTION, ORDERS_ESTATE);

    assertThat(chart.envValue("TEMPORAL_ADDRESS")).isEqualTo("payments.a1b2c.tmprl.cloud:7233");
    assertThat(chart.envValue("TEMPORAL_NAMESPACE")).isEqualTo("payments.a1b2c");
    assertThat(chart.envValue("TEMPORAL_TLS")).isEqualTo("true");
    assertThat(chart.envValue("TEMPORAL_TLS_SERVER_NAME")).isEqualTo("payments.a1b2c.tmprl.cloud");

    JsonNode apiKey = chart.env("TEMPORAL_API_KEY").orElseThrow();
    assertThat(apiKey.has("value")).as("the API key is never a literal").isFalse();
    assertThat(apiKey.path("valueFrom").path("secretKeyRef").path("name").asText())
        .isEqualTo("temporal-api-key");
    assertThat(apiKey.path("valueFrom").path("secretKeyRef").path("key").asText())
        .isEqualTo("token");

    String cert = chart.envValue("TEMPORAL_TLS_CLIENT_CERT_PATH");
    String key = chart.envValue("TEMPORAL_TLS_CLIENT_KEY_PATH");
    String ca = chart.envValue("TEMPORAL_TLS_SERVER_CA_CERT_PATH");
    assertThat(chart.volumeHolding(cert).path("secret").path("secretName").asText())
        .isEqualTo("temporal-client-tls");
    assertThat(chart.volumeHolding(key).path("secret").path("secretName").asText())
        .isEqualTo("temporal-client-tls");
    assertThat(Path.of(cert).getFileName()).hasToString("tls.crt");
    assertThat(Path.of(key).getFileName()).hasToString("tls.key");
    assertThat(chart.volumeHolding(ca).path("secret").path("secretName").asText())
        .isEqualTo("temporal-ca");
  }

  @Test
  void rendersNoSecretMaterialAtAll() throws IOException {
    RenderedChart chart = RenderedChart.render(PRODUCTION, ORDERS_ESTATE);
    assertThat(chart.all("Secret")).as("the chart only refers to Secrets").isEmpty();
    for (JsonNode configMap : chart.all("ConfigMap")) {
      String data = configMap.path("data").toString();
      assertThat(data)
          .doesNotContain(
              "PRIVATE KEY", "BEGIN CERTIFICATE", "TEMPORAL_API_KEY", "temporal-api-key");
    }
    ToolRun literalKey =
        RenderedChart.template(
            "--set=extraEnv[0].name=TEMPORAL_API_KEY", "--set=extraEnv[0].value=k");
    assertThat(literalKey.exitCode()).as(literalKey::describe).isNotZero();
  }

  @Test
  void annotatesTheServiceAccountWithTheRoleForIrsaOnly() throws IOException {
    String role = "arn:aws:iam::123456789012:role/region-failover-worker";
    JsonNode irsa =
        RenderedChart.render("--set=aws.identity=irsa", "--set=aws.roleArn=" + role)
            .one("ServiceAccount");
    assertThat(
            irsa.path("metadata").path("annotations").path("eks.amazonaws.com/role-arn").asText())
        .isEqualTo(role);

    RenderedChart podIdentity = RenderedChart.render(PRODUCTION, ORDERS_ESTATE);
    JsonNode account = podIdentity.one("ServiceAccount");
    assertThat(account.path("metadata").path("annotations").has("eks.amazonaws.com/role-arn"))
        .as("Pod Identity associates the role on the cluster, not by annotation")
        .isFalse();
    assertThat(
            podIdentity
                .one("Deployment")
                .path("spec")
                .path("template")
                .path("spec")
                .path("serviceAccountName")
                .asText())
        .isEqualTo(account.path("metadata").path("name").asText());
  }

  @Test
  void scrapesMetricsOnlyWhenAsked() throws IOException {
    RenderedChart defaults = RenderedChart.render();
    assertThat(defaults.all("Service")).isEmpty();
    assertThat(defaults.all("ServiceMonitor")).isEmpty();
    assertThat(defaults.all("PodMonitor")).isEmpty();

    RenderedChart production = RenderedChart.render(PRODUCTION, ORDERS_ESTATE);
    JsonNode endpoint = production.one("ServiceMonitor").path("spec").path("endpoints").get(0);
    assertThat(endpoint.path("path").asText()).isEqualTo("/metrics");
    assertThat(endpoint.path("relabelings").get(0).path("replacement").asText())
        .as("the job name the alert rules select")
        .isEqualTo("region-failover-worker");
    assertThat(endpoint.path("port").asText())
        .isEqualTo(
            production.one("Service").path("spec").path("ports").get(0).path("name").asText());
    assertThat(
            production
                .one("ServiceMonitor")
                .path("metadata")
                .path("labels")
                .path("release")
                .asText())
        .isEqualTo("kube-prometheus-stack");
  }

  @Test
  void refusesAValuesFileThatBreaksTheSchema() throws IOException {
    ToolRun run =
        RenderedChart.template("--values=" + RenderedChart.resource("helm/invalid-values.yaml"));
    assertThat(run.exitCode()).as(run::describe).isNotZero();
    assertThat(run.output()).as(run::describe).contains("replicaCount", "identity", "value");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "replicaCount=0 | replicaCount",
        "temporal.address=temporal | address",
        "image.digest=latest | digest",
        "aws.roleArn=my-role | roleArn",
        "shutdown.graceSeconds=-1 | graceSeconds",
        "quotas.route53PerSecond=0 | route53PerSecond",
        "topologySpread.zone.whenUnsatisfiable=Sometimes | whenUnsatisfiable",
        "logFormat=xml | logFormat",
        "replicas=3 | replicas"
      })
  void refusesEachInvalidValue(String setting, String named) throws IOException {
    ToolRun run = RenderedChart.template("--set=" + setting);
    assertThat(run.exitCode()).as(run::describe).isNotZero();
    assertThat(run.output()).as(run::describe).contains(named);
  }

  private static boolean labelsMatch(JsonNode selector, JsonNode labels) {
    if (selector.isEmpty()) {
      return false;
    }
    var fields = selector.fields();
    while (fields.hasNext()) {
      var field = fields.next();
      if (!labels.path(field.getKey()).equals(field.getValue())) {
        return false;
      }
    }
    return true;
  }
}
