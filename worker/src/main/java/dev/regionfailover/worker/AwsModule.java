package dev.regionfailover.worker;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.regionfailover.activities.aws.AwsClients;
import dev.regionfailover.activities.aws.AwsSettings;
import java.util.List;
import software.amazon.awssdk.metrics.MetricPublisher;

/**
 * AWS clients for every activity, from one shared HTTP client; closed at shutdown by WorkerMain.
 */
final class AwsModule extends AbstractModule {

  private final AwsSettings settings;
  private final List<MetricPublisher> metricPublishers;

  /**
   * @param metricPublishers receive the metrics of every AWS call
   */
  AwsModule(AwsSettings settings, MetricPublisher... metricPublishers) {
    this.settings = settings;
    this.metricPublishers = List.of(metricPublishers);
  }

  /** How AWS is reached, for the activities that make their own calls, such as asking STS. */
  @Provides
  AwsSettings awsSettings() {
    return settings;
  }

  @Provides
  @Singleton
  AwsClients awsClients() {
    return new AwsClients(settings, metricPublishers);
  }
}
