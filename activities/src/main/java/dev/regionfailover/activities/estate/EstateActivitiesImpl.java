package dev.regionfailover.activities.estate;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.estate.EstateActivities;
import dev.regionfailover.workflows.estate.LoadEstateRequest;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loads estates from the worker's estates directory. */
public final class EstateActivitiesImpl implements EstateActivities {

  private static final Logger log = LoggerFactory.getLogger(EstateActivitiesImpl.class);

  private final EstateCatalog catalog;

  @Inject
  public EstateActivitiesImpl(EstateCatalog catalog) {
    this.catalog = requireNonNull(catalog, "catalog is null");
  }

  @Override
  public Estate load(LoadEstateRequest request) {
    Estate estate = catalog.load(request.app());
    log.info(
        "Loaded the estate of {} from {}: regions {}",
        estate.app(),
        catalog.directory(),
        estate.regions());
    return estate;
  }
}
