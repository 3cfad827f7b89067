package dev.regionfailover.activities.traffic;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.activities.aws.AwsClients;
import dev.regionfailover.activities.aws.AwsFailures;
import dev.regionfailover.workflows.estate.GlobalAcceleratorTraffic;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Global Accelerator endpoint groups, one per region: a region's value is its traffic dial. */
final class AcceleratorDials implements LayerControl {

  private static final Logger log = LoggerFactory.getLogger(AcceleratorDials.class);

  private static final double FULL_DIAL = 100;

  private final AwsClients clients;
  private final GlobalAcceleratorTraffic accelerator;

  AcceleratorDials(AwsClients clients, GlobalAcceleratorTraffic accelerator) {
    this.clients = requireNonNull(clients, "clients is null");
    this.accelerator = requireNonNull(accelerator, "accelerator is null");
  }

  @Override
  public String describe() {
    return "Global Accelerator traffic dials";
  }

  @Override
  public void check(String region, double value) {
    if (value < 0 || value > FULL_DIAL) {
      throw TrafficFailures.invalid(describe(), region, value, "a percentage from 0 to 100");
    }
    group(region);
  }

  @Override
  public Map<String, Double> read(List<String> regions) {
    Map<String, Double> values = new LinkedHashMap<>();
    for (String region : regions) {
      String group = group(region);
      Float dial =
          AwsFailures.call(
              "DescribeEndpointGroup",
              "endpoint group " + group + " of " + region,
              AwsClients.GLOBAL_ACCELERATOR_REGION,
              () ->
                  clients
                      .globalAccelerator()
                      .describeEndpointGroup(b -> b.endpointGroupArn(group))
                      .endpointGroup()
                      .trafficDialPercentage());
      // The dial is a float on the wire: its shortest decimal form is what was set, where the
      // widened double would differ (33.3f is 33.29999923706055).
      values.put(region, dial == null ? FULL_DIAL : Double.parseDouble(dial.toString()));
    }
    return values;
  }

  @Override
  public void set(Map<String, Double> values) {
    values.forEach(
        (region, value) -> {
          String group = group(region);
          AwsFailures.run(
              "UpdateEndpointGroup",
              "endpoint group " + group + " of " + region,
              AwsClients.GLOBAL_ACCELERATOR_REGION,
              () ->
                  clients
                      .globalAccelerator()
                      .updateEndpointGroup(
                          b ->
                              b.endpointGroupArn(group).trafficDialPercentage(value.floatValue())));
          log.info("Set the traffic dial of endpoint group {} of {} to {}", group, region, value);
        });
  }

  private String group(String region) {
    return TrafficFailures.configured(
        accelerator.endpointGroups(), region, "Global Accelerator endpoint group");
  }
}
