package dev.regionfailover.devstack.aws;

import static com.github.tomakehurst.wiremock.http.RequestMethod.DELETE;
import static com.github.tomakehurst.wiremock.http.RequestMethod.GET;
import static com.github.tomakehurst.wiremock.http.RequestMethod.POST;
import static com.github.tomakehurst.wiremock.http.RequestMethod.PUT;

import com.github.tomakehurst.wiremock.http.RequestMethod;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The operations of the REST protocols the project calls (Route 53, Lambda, EventBridge Scheduler),
 * which carry their operation only in the method and path of a request.
 */
final class RestOperations {

  private record Route(String service, RequestMethod method, Pattern path, String operation) {

    Route(String service, RequestMethod method, String path, String operation) {
      this(service, method, Pattern.compile(path + "/?"), operation);
    }
  }

  private static final String ZONE = "/2013-04-01/hostedzone";
  private static final String HEALTH_CHECK = "/2013-04-01/healthcheck";
  private static final String FUNCTIONS = "/2015-03-31/functions";
  private static final String MAPPINGS = "/2015-03-31/event-source-mappings";
  private static final String ONE = "/[^/]+";

  private static final List<Route> ROUTES =
      List.of(
          new Route("route53", POST, ZONE + ONE + "/rrset", "ChangeResourceRecordSets"),
          new Route("route53", GET, ZONE + ONE + "/rrset", "ListResourceRecordSets"),
          new Route("route53", GET, "/2013-04-01/change" + ONE, "GetChange"),
          new Route("route53", GET, ZONE, "ListHostedZones"),
          new Route("route53", POST, ZONE, "CreateHostedZone"),
          new Route("route53", GET, "/2013-04-01/hostedzonesbyname", "ListHostedZonesByName"),
          new Route("route53", GET, ZONE + ONE, "GetHostedZone"),
          new Route("route53", DELETE, ZONE + ONE, "DeleteHostedZone"),
          new Route("route53", GET, HEALTH_CHECK + ONE + "/status", "GetHealthCheckStatus"),
          new Route("route53", GET, HEALTH_CHECK, "ListHealthChecks"),
          new Route("route53", POST, HEALTH_CHECK, "CreateHealthCheck"),
          new Route("route53", GET, HEALTH_CHECK + ONE, "GetHealthCheck"),
          new Route("route53", POST, HEALTH_CHECK + ONE, "UpdateHealthCheck"),
          new Route("route53", DELETE, HEALTH_CHECK + ONE, "DeleteHealthCheck"),
          new Route("lambda", GET, FUNCTIONS, "ListFunctions"),
          new Route("lambda", POST, FUNCTIONS, "CreateFunction"),
          new Route("lambda", GET, FUNCTIONS + ONE, "GetFunction"),
          new Route("lambda", DELETE, FUNCTIONS + ONE, "DeleteFunction"),
          new Route("lambda", GET, MAPPINGS, "ListEventSourceMappings"),
          new Route("lambda", POST, MAPPINGS, "CreateEventSourceMapping"),
          new Route("lambda", GET, MAPPINGS + ONE, "GetEventSourceMapping"),
          new Route("lambda", PUT, MAPPINGS + ONE, "UpdateEventSourceMapping"),
          new Route("lambda", DELETE, MAPPINGS + ONE, "DeleteEventSourceMapping"),
          new Route("scheduler", GET, "/schedules", "ListSchedules"),
          new Route("scheduler", POST, "/schedules" + ONE, "CreateSchedule"),
          new Route("scheduler", GET, "/schedules" + ONE, "GetSchedule"),
          new Route("scheduler", PUT, "/schedules" + ONE, "UpdateSchedule"),
          new Route("scheduler", DELETE, "/schedules" + ONE, "DeleteSchedule"),
          new Route("scheduler", GET, "/schedule-groups", "ListScheduleGroups"),
          new Route("scheduler", POST, "/schedule-groups" + ONE, "CreateScheduleGroup"),
          new Route("scheduler", GET, "/schedule-groups" + ONE, "GetScheduleGroup"),
          new Route("scheduler", DELETE, "/schedule-groups" + ONE, "DeleteScheduleGroup"));

  private RestOperations() {}

  /** The operation of a REST request to {@code service}, if it is one the project calls. */
  static Optional<String> operation(String service, RequestMethod method, String path) {
    return ROUTES.stream()
        .filter(
            route ->
                route.service().equals(service)
                    && route.method().equals(method)
                    && route.path().matcher(path).matches())
        .map(Route::operation)
        .findFirst();
  }
}
