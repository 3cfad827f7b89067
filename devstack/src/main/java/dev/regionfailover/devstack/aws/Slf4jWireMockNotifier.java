package dev.regionfailover.devstack.aws;

import com.github.tomakehurst.wiremock.common.Notifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends WireMock's own messages to this project's SLF4J. The notifier WireMock ships logs through
 * the copy of SLF4J shaded into wiremock-standalone, which has no binding and would drop them.
 */
final class Slf4jWireMockNotifier implements Notifier {

  private static final Logger log = LoggerFactory.getLogger("dev.regionfailover.devstack.wiremock");

  @Override
  public void info(String message) {
    log.debug("{}", message);
  }

  @Override
  public void error(String message) {
    log.warn("{}", message);
  }

  @Override
  public void error(String message, Throwable t) {
    log.warn("{}", message, t);
  }
}
