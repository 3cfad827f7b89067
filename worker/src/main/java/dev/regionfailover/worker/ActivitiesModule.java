package dev.regionfailover.worker;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.regionfailover.activities.aurora.AuroraActivitiesImpl;
import dev.regionfailover.activities.authority.AuthorityActivitiesImpl;
import dev.regionfailover.activities.detection.DetectionActivitiesImpl;
import dev.regionfailover.activities.dns.DnsActivitiesImpl;
import dev.regionfailover.activities.estate.EstateActivitiesImpl;
import dev.regionfailover.activities.estate.EstateCatalog;
import dev.regionfailover.activities.evacuation.EvacuationActivitiesImpl;
import dev.regionfailover.activities.flags.FlagActivitiesImpl;
import dev.regionfailover.activities.fleet.FleetActivitiesImpl;
import dev.regionfailover.activities.identity.IdentityActivitiesImpl;
import dev.regionfailover.activities.pins.PinActivitiesImpl;
import dev.regionfailover.activities.readiness.GuardActivitiesImpl;
import dev.regionfailover.activities.readiness.ReadinessActivitiesImpl;
import dev.regionfailover.activities.reconcile.ReconcileActivitiesImpl;
import dev.regionfailover.activities.traffic.TrafficActivitiesImpl;
import java.util.List;

/** Every activity implementation the worker registers. */
final class ActivitiesModule extends AbstractModule {

  private final WorkerConfig config;

  ActivitiesModule(WorkerConfig config) {
    this.config = config;
  }

  @Provides
  @Singleton
  EstateCatalog estateCatalog() {
    return new EstateCatalog(config.estatesDirectory());
  }

  @Provides
  @Singleton
  RegisteredActivities activities(
      EstateActivitiesImpl estates,
      AuthorityActivitiesImpl authority,
      AuroraActivitiesImpl aurora,
      DnsActivitiesImpl dns,
      FleetActivitiesImpl fleets,
      FlagActivitiesImpl flags,
      PinActivitiesImpl pins,
      GuardActivitiesImpl guards,
      TrafficActivitiesImpl traffic,
      ReadinessActivitiesImpl readiness,
      ReconcileActivitiesImpl reconcile,
      DetectionActivitiesImpl detection,
      IdentityActivitiesImpl identity,
      EstateCatalog catalog) {
    return new RegisteredActivities(
        List.of(
            estates,
            authority,
            aurora,
            dns,
            fleets,
            flags,
            pins,
            guards,
            traffic,
            readiness,
            reconcile,
            detection,
            identity,
            new EvacuationActivitiesImpl(catalog, authority)));
  }
}
