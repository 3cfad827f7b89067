package dev.regionfailover.devstack.aws;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.util.UUID;

/**
 * The AWS wire protocol families, by how each writes an error: the SDK reads the error code from a
 * different place in each, and classifies a throttling error only when it finds the code there.
 */
enum WireProtocol {
  /** AWS JSON 1.0 and 1.1 (DynamoDB, ECS, SSM, SQS, EventBridge): named by {@code X-Amz-Target}. */
  AWS_JSON(400, "ThrottlingException") {
    @Override
    ResponseDefinition error(int status, String code, String message) {
      return json(status, code, message, "application/x-amz-json-1.1");
    }
  },
  /** REST-JSON (Lambda, EventBridge Scheduler): named by method and path. */
  REST_JSON(429, "ThrottlingException") {
    @Override
    ResponseDefinition error(int status, String code, String message) {
      return json(status, code, message, "application/json");
    }
  },
  /** REST-XML (Route 53): named by method and path, errors in Route 53's own envelope. */
  REST_XML(400, "Throttling") {
    @Override
    ResponseDefinition error(int status, String code, String message) {
      return errorResponse(
          "<ErrorResponse xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\">",
          status,
          code,
          message);
    }
  },
  /** The query protocol (RDS, Auto Scaling, CloudWatch, STS, IAM): a form with an Action. */
  QUERY(400, "Throttling") {
    @Override
    ResponseDefinition error(int status, String code, String message) {
      return errorResponse("<ErrorResponse>", status, code, message);
    }
  },
  /** EC2's variant of the query protocol, whose errors have their own envelope. */
  EC2_QUERY(503, "RequestLimitExceeded") {
    @Override
    ResponseDefinition error(int status, String code, String message) {
      return xml(
          status,
          "<Response><Errors><Error><Code>%s</Code><Message>%s</Message></Error></Errors>"
              + "<RequestID>%s</RequestID></Response>",
          code,
          message);
    }
  };

  private static final String RATE_EXCEEDED = "Rate exceeded";

  private final int throttlingStatus;
  private final String throttlingCode;

  WireProtocol(int throttlingStatus, String throttlingCode) {
    this.throttlingStatus = throttlingStatus;
    this.throttlingCode = throttlingCode;
  }

  /** The error with which the services of this protocol refuse a request over their rate. */
  ResponseDefinition throttling() {
    return error(throttlingStatus, throttlingCode, RATE_EXCEEDED);
  }

  /** A 503, which every protocol answers when the service is briefly unable to serve. */
  ResponseDefinition unavailable() {
    return error(503, "ServiceUnavailable", "Service is unavailable. Please try again later.");
  }

  /**
   * The error the service would answer, in this protocol. {@code code} and {@code message} are the
   * stand-in's own constants, so they need no escaping.
   */
  abstract ResponseDefinition error(int status, String code, String message);

  /**
   * The protocol of a request signed for {@code service}. EC2 and Route 53 need their service name:
   * EC2's requests look like any other query request, and Route 53's like any REST request.
   */
  static WireProtocol of(Request request, String service) {
    String target = request.getHeader("X-Amz-Target");
    if (target != null && !target.isBlank()) {
      return AWS_JSON;
    }
    if (QueryForm.isForm(request.getHeader("Content-Type"))) {
      return service.equals("ec2") ? EC2_QUERY : QUERY;
    }
    return service.equals("route53") ? REST_XML : REST_JSON;
  }

  /**
   * The error envelope of the query and REST-XML protocols, which also say whose fault an error is:
   * the caller's, or the service's for a 5xx.
   */
  private static ResponseDefinition errorResponse(
      String opening, int status, String code, String message) {
    String type = status >= 500 ? "Receiver" : "Sender";
    return xml(
        status,
        opening
            + "<Error><Type>"
            + type
            + "</Type><Code>%s</Code><Message>%s</Message></Error>"
            + "<RequestId>%s</RequestId></ErrorResponse>",
        code,
        message);
  }

  private static ResponseDefinition json(
      int status, String code, String message, String contentType) {
    return ResponseDefinitionBuilder.responseDefinition()
        .withStatus(status)
        .withHeader("Content-Type", contentType)
        .withHeader("x-amzn-ErrorType", code)
        .withHeader("x-amzn-RequestId", UUID.randomUUID().toString())
        .withBody("{\"__type\":\"" + code + "\",\"message\":\"" + message + "\"}")
        .build();
  }

  private static ResponseDefinition xml(int status, String template, String code, String message) {
    return ResponseDefinitionBuilder.responseDefinition()
        .withStatus(status)
        .withHeader("Content-Type", "text/xml")
        .withBody(String.format(template, code, message, UUID.randomUUID()))
        .build();
  }
}
