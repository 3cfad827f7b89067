package dev.regionfailover.devstack.aws;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each served AWS request arrived and was answered, recorded only between {@link
 * #startRecording()} and {@link #stopRecording()}, for a benchmark that compares a workflow's wall
 * time with the time its AWS calls took. Off by default, so that a dev session that runs for hours
 * keeps no list of requests. The stand-in's request filter notes the arrival; this listener notes
 * the answer.
 */
public final class CallTimeline implements ServeEventListener {

  static final String NAME = "aws-stand-in-call-timeline";

  private final Map<UUID, TimedCall> inFlight = new ConcurrentHashMap<>();
  private final List<TimedCall> answered = new ArrayList<>();
  private volatile boolean recording;

  CallTimeline() {}

  /** Forgets what was recorded before and records every served request from now on. */
  public synchronized void startRecording() {
    inFlight.clear();
    answered.clear();
    recording = true;
  }

  /**
   * Stops recording.
   *
   * @return the requests answered since {@link #startRecording()}, in order of arrival
   */
  public synchronized List<TimedCall> stopRecording() {
    recording = false;
    inFlight.clear();
    List<TimedCall> calls = new ArrayList<>(answered);
    answered.clear();
    calls.sort(Comparator.comparing(TimedCall::arrived));
    return calls;
  }

  /** Notes a served request that arrived at {@code arrived}, if recording. */
  void arrived(
      UUID id,
      String accessKey,
      String service,
      String operation,
      String region,
      List<String> resources,
      Instant arrived) {
    if (recording) {
      inFlight.put(
          id, new TimedCall(accessKey, service, operation, region, resources, arrived, arrived));
    }
  }

  @Override
  public void afterComplete(ServeEvent serveEvent, Parameters parameters) {
    TimedCall call = inFlight.remove(serveEvent.getId());
    if (call == null) {
      return;
    }
    synchronized (this) {
      if (recording) {
        answered.add(
            new TimedCall(
                call.accessKey(),
                call.service(),
                call.operation(),
                call.region(),
                call.resources(),
                call.arrived(),
                Instant.now()));
      }
    }
  }

  synchronized void reset() {
    recording = false;
    inFlight.clear();
    answered.clear();
  }

  @Override
  public String getName() {
    return NAME;
  }
}
