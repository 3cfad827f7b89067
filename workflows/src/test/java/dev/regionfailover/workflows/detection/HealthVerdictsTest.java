package dev.regionfailover.workflows.detection;

import static dev.regionfailover.workflows.detection.SignalKind.ALARMS;
import static dev.regionfailover.workflows.detection.SignalKind.AURORA_LAG;
import static dev.regionfailover.workflows.detection.SignalKind.DYNAMODB_LAG;
import static dev.regionfailover.workflows.detection.SignalKind.HEALTH_CHECK;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HealthVerdictsTest {

  private static final String REGION = "us-east-1";
  private static final int REQUIRED = 3;

  @Test
  void aSingleFlappingSignalNeverImpairs() {
    RegionHealth health = RegionHealth.initial(REGION);
    for (int i = 0; i < 50; i++) {
      health = next(health, i % 2 == 0 ? Set.of(ALARMS) : Set.of());
      assertThat(health.verdict()).isEqualTo(RegionVerdict.HEALTHY);
    }
  }

  @Test
  void aSingleSignalImpairedForeverNeverImpairs() {
    RegionHealth health = RegionHealth.initial(REGION);
    for (int i = 0; i < 20; i++) {
      health = next(health, Set.of(HEALTH_CHECK));
    }
    assertThat(health.verdict()).isEqualTo(RegionVerdict.HEALTHY);
    assertThat(health.streak(HEALTH_CHECK)).isEqualTo(20);
  }

  @Test
  void twoSignalsImpairedForTheRequiredSamplesImpair() {
    RegionHealth health = RegionHealth.initial(REGION);
    health = next(health, Set.of(ALARMS, HEALTH_CHECK));
    health = next(health, Set.of(ALARMS, HEALTH_CHECK));
    assertThat(health.verdict()).isEqualTo(RegionVerdict.HEALTHY);
    assertThat(health.streak(ALARMS)).isEqualTo(2);

    health = next(health, Set.of(ALARMS, HEALTH_CHECK));

    assertThat(health.verdict()).isEqualTo(RegionVerdict.IMPAIRED);
    assertThat(health.verdictSince()).isEqualTo("t3");
    assertThat(HealthVerdicts.evidence(health))
        .isEqualTo(
            "ALARMS impaired 3x: ALARMS observed; HEALTH_CHECK impaired 3x: HEALTH_CHECK observed");
  }

  @Test
  void twoSignalsThatTakeTurnsNeverImpair() {
    RegionHealth health = RegionHealth.initial(REGION);
    for (int i = 0; i < 30; i++) {
      health = next(health, i % 2 == 0 ? Set.of(ALARMS, AURORA_LAG) : Set.of(HEALTH_CHECK));
    }
    assertThat(health.verdict()).isEqualTo(RegionVerdict.HEALTHY);
  }

  @Test
  void aBreakInOneSignalRestartsItsCount() {
    RegionHealth health = RegionHealth.initial(REGION);
    health = next(health, Set.of(ALARMS, HEALTH_CHECK));
    health = next(health, Set.of(ALARMS, HEALTH_CHECK));
    health = next(health, Set.of(ALARMS));
    health = next(health, Set.of(ALARMS, HEALTH_CHECK));
    health = next(health, Set.of(ALARMS, HEALTH_CHECK));
    assertThat(health.verdict()).isEqualTo(RegionVerdict.HEALTHY);
    assertThat(health.streak(HEALTH_CHECK)).isEqualTo(2);

    health = next(health, Set.of(ALARMS, HEALTH_CHECK));

    assertThat(health.verdict()).isEqualTo(RegionVerdict.IMPAIRED);
  }

  @Test
  void anImpairedRegionRecoversAfterTheRequiredHealthySamples() {
    RegionHealth health = impaired();

    health = next(health, Set.of(ALARMS));
    health = next(health, Set.of());
    assertThat(health.verdict()).isEqualTo(RegionVerdict.IMPAIRED);
    health = next(health, Set.of(ALARMS, DYNAMODB_LAG));
    health = next(health, Set.of());
    health = next(health, Set.of(HEALTH_CHECK));
    assertThat(health.verdict()).isEqualTo(RegionVerdict.IMPAIRED);
    assertThat(health.healthyStreak()).isEqualTo(2);

    health = next(health, Set.of());

    assertThat(health.verdict()).isEqualTo(RegionVerdict.HEALTHY);
    assertThat(health.impairedStreaks()).isEmpty();
  }

  @Test
  void anUnreachableRegionImpairsOnEverySignalItHas() {
    RegionHealth health = RegionHealth.initial(REGION);
    for (int i = 1; i <= REQUIRED; i++) {
      health = HealthVerdicts.next(health, unreachable(), REQUIRED, "t" + i);
    }
    assertThat(health.verdict()).isEqualTo(RegionVerdict.IMPAIRED);
    assertThat(HealthVerdicts.evidence(health)).contains("region unreachable");
  }

  @Test
  void aFailedSampleChangesNoCount() {
    RegionHealth health = RegionHealth.initial(REGION);
    health = next(health, Set.of(ALARMS, HEALTH_CHECK));
    health = next(health, Set.of(ALARMS, HEALTH_CHECK));

    health = HealthVerdicts.sampleFailed(health, "Rate exceeded");

    assertThat(health.lastError()).isEqualTo("Rate exceeded");
    assertThat(health.streak(ALARMS)).isEqualTo(2);
    health = next(health, Set.of(ALARMS, HEALTH_CHECK));
    assertThat(health.verdict()).isEqualTo(RegionVerdict.IMPAIRED);
    assertThat(health.lastError()).isNull();
  }

  private static RegionHealth impaired() {
    RegionHealth health = RegionHealth.initial(REGION);
    for (int i = 0; i < REQUIRED; i++) {
      health = next(health, Set.of(ALARMS, HEALTH_CHECK));
    }
    assertThat(health.verdict()).isEqualTo(RegionVerdict.IMPAIRED);
    return health;
  }

  private static RegionHealth next(RegionHealth health, Set<SignalKind> impaired) {
    String at = "t" + (health.lastSample() == null ? 1 : sequence(health) + 1);
    return HealthVerdicts.next(health, sample(impaired, at), REQUIRED, at);
  }

  private static int sequence(RegionHealth health) {
    return Integer.parseInt(health.lastSample().at().substring(1));
  }

  /** A sample of all four signals, those in {@code impaired} reading impaired. */
  static RegionSample sample(Set<SignalKind> impaired, String at) {
    List<SignalReading> readings = new ArrayList<>();
    for (SignalKind kind : SignalKind.values()) {
      readings.add(
          new SignalReading(
              kind, impaired.contains(kind), impaired.contains(kind) ? kind + " observed" : "ok"));
    }
    return new RegionSample(REGION, at, true, readings);
  }

  private static RegionSample unreachable() {
    List<SignalReading> readings = new ArrayList<>();
    for (SignalKind kind : List.of(ALARMS, AURORA_LAG)) {
      readings.add(new SignalReading(kind, true, "region unreachable: connection refused"));
    }
    return new RegionSample(REGION, "t", false, readings);
  }
}
