package dev.regionfailover.activities.identity;

import static dev.regionfailover.activities.TestActivities.nonRetryable;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.regionfailover.activities.aws.AwsSettings;
import dev.regionfailover.activities.aws.EmulatedAws;
import dev.regionfailover.devstack.aws.AwsStack;
import dev.regionfailover.devstack.aws.AwsStackExtension;
import dev.regionfailover.devstack.aws.EmulatorClients;
import dev.regionfailover.devstack.aws.IamUser;
import dev.regionfailover.workflows.identity.IdentityActivities;
import dev.regionfailover.workflows.identity.SignedCallerIdentity;
import io.temporal.failure.ApplicationFailure;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The identity check against the emulator's STS, with two users who each have their own keys. */
@ExtendWith(AwsStackExtension.class)
class IdentityActivitiesImplTest {

  private static final String REGION = "us-east-1";
  private static final String BINDING = "failover-orders/run-1";

  private AwsStack stack;
  private IamUser alice;
  private IamUser bob;
  private IdentityActivitiesImpl activities;

  @BeforeEach
  void setUp(AwsStack stack, EmulatorClients aws) {
    this.stack = stack;
    alice = IamUser.create(aws, "alice");
    bob = IamUser.create(aws, "bob");
    activities = new IdentityActivitiesImpl(EmulatedAws.settings(stack));
  }

  @Test
  void stsNamesTheUserWhoseKeySignedTheRequest() {
    assertThat(activities.callerIdentity(signedBy(alice, Clock.systemUTC())).arn())
        .isEqualTo(alice.arn())
        .endsWith(":user/alice");
    assertThat(activities.callerIdentity(signedBy(bob, Clock.systemUTC())).arn())
        .isEqualTo(bob.arn());
  }

  @Test
  void anExpiredRequestIsRefusedWithoutAskingSts() {
    Clock twentyMinutesAgo =
        Clock.fixed(Instant.now().minus(Duration.ofMinutes(20)), ZoneOffset.UTC);

    ApplicationFailure failure =
        nonRetryable(() -> activities.callerIdentity(signedBy(alice, twentyMinutesAgo)));

    assertThat(failure.getType()).isEqualTo(IdentityActivities.REFUSED);
    assertThat(failure.getOriginalMessage())
        .startsWith("the identity expired: it was signed at ")
        .endsWith(" and counts for 15 minutes; sign a new one (./failover approve --verify)");
  }

  @Test
  void aRequestSignedForAnotherHostIsNeverSentThere() {
    SignedCallerIdentity elsewhere =
        new CallerIdentitySigner(alice.credentials(), Clock.systemUTC())
            .sign(URI.create("http://127.0.0.1:1"), REGION, BINDING);

    ApplicationFailure failure = nonRetryable(() -> activities.callerIdentity(elsewhere));

    assertThat(failure.getOriginalMessage())
        .isEqualTo(
            "the identity is signed for http://127.0.0.1:1, but STS of us-east-1 is "
                + authority(stack.endpoint())
                + " for this worker");
  }

  @Test
  void aRequestWithoutASignatureIsRefused() {
    SignedCallerIdentity signed = signedBy(alice, Clock.systemUTC());
    Map<String, String> headers = new HashMap<>(signed.headers());
    headers.remove("Authorization");

    ApplicationFailure failure =
        nonRetryable(
            () ->
                activities.callerIdentity(
                    new SignedCallerIdentity(
                        signed.method(), signed.url(), headers, signed.body())));

    assertThat(failure.getOriginalMessage())
        .isEqualTo("the identity has no AWS Signature Version 4 Authorization header for sts");
  }

  @Test
  void theSignedRequestCarriesItsBindingAndRegion() {
    SignedCallerIdentity signed = signedBy(alice, Clock.systemUTC());

    assertThat(signed.region()).isEqualTo(REGION);
    assertThat(signed.bindingProblem(BINDING)).isNull();
    assertThat(signed.bindingProblem("failover-orders/run-2"))
        .isEqualTo(
            "the identity was signed for failover run failover-orders/run-1, not for this one"
                + " (failover-orders/run-2)");
    assertThat(signed.signature()).hasSize(64);
  }

  @Test
  void theEndpointIsTheOverrideThenTheVariablesThenTheRegionalOne() {
    Map<String, String> none = Map.of();
    Map<String, String> both =
        Map.of("AWS_ENDPOINT_URL_STS", "http://sts.test:1", "AWS_ENDPOINT_URL", "http://all:2");

    assertThat(StsEndpoint.of("eu-west-1", Optional.empty(), none::get))
        .isEqualTo(URI.create("https://sts.eu-west-1.amazonaws.com"));
    assertThat(StsEndpoint.of("eu-west-1", Optional.empty(), both::get))
        .isEqualTo(URI.create("http://sts.test:1"));
    assertThat(
            StsEndpoint.of(
                "eu-west-1", Optional.empty(), Map.of("AWS_ENDPOINT_URL", "http://all:2")::get))
        .isEqualTo(URI.create("http://all:2"));
    assertThat(StsEndpoint.of("eu-west-1", Optional.of(URI.create("http://o:3")), both::get))
        .isEqualTo(URI.create("http://o:3"));
  }

  @Test
  void aRequestStsRefusesFailsWithStsReasonAndIsNotRetried() throws Exception {
    HttpServer sts =
        HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    AtomicReference<String> sentBody = new AtomicReference<>();
    sts.createContext(
        "/",
        exchange -> {
          sentBody.set(
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          byte[] answer =
              ("<ErrorResponse><Error><Type>Sender</Type><Code>SignatureDoesNotMatch</Code>"
                      + "<Message>Signature expired</Message></Error></ErrorResponse>")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(403, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    sts.start();
    try {
      URI endpoint = URI.create("http://127.0.0.1:" + sts.getAddress().getPort());
      IdentityActivitiesImpl refusing =
          new IdentityActivitiesImpl(
              new AwsSettings(
                  Optional.of(endpoint),
                  alice.credentials(),
                  Duration.ofSeconds(5),
                  Duration.ofSeconds(5),
                  1));
      SignedCallerIdentity signed =
          new CallerIdentitySigner(alice.credentials(), Clock.systemUTC())
              .sign(endpoint, REGION, BINDING);

      ApplicationFailure failure = nonRetryable(() -> refusing.callerIdentity(signed));

      assertThat(failure.getType()).isEqualTo(IdentityActivities.REFUSED);
      assertThat(failure.getOriginalMessage())
          .isEqualTo("STS refused it: SignatureDoesNotMatch: Signature expired");
      assertThat(sentBody.get()).isEqualTo(SignedCallerIdentity.BODY);
    } finally {
      sts.stop(0);
    }
  }

  private SignedCallerIdentity signedBy(IamUser user, Clock clock) {
    return new CallerIdentitySigner(user.credentials(), clock)
        .sign(stack.endpoint(), REGION, BINDING);
  }

  private static String authority(URI uri) {
    return uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
  }
}
