package dev.regionfailover.workflows.readiness;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.regionfailover.workflows.input.StrictRecordDeserializer;

/**
 * Check whether {@code app} could fail over to {@code targetRegion} now; a null target means the
 * estate's other region (an estate with more than two regions must name one).
 */
@JsonDeserialize(using = StrictRecordDeserializer.class)
public record ReadinessRequest(String app, String targetRegion) {}
