package dev.regionfailover.devstack.aws;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One thing an AWS request asked to do, in the terms an IAM policy uses: the IAM action (such as
 * {@code dynamodb:PutItem}) on one resource ARN, with the access key that signed the request, its
 * region and the wire operation that carried it. One request can ask for several: a DynamoDB {@code
 * TransactWriteItems} asks for one action per item, and an Aurora switchover for its global cluster
 * and its target cluster. The resource is {@value #ANY_RESOURCE} for an action that names no
 * resource of its own.
 *
 * @param accessKey the access key id of the request's SigV4 signature
 * @param action the IAM action, as {@code service:Action}
 * @param region the region the request was signed for
 * @param resource the ARN of the resource, or {@value #ANY_RESOURCE}
 * @param operation the AWS API operation of the request, such as {@code TransactWriteItems}
 */
public record RecordedOperation(
    String accessKey, String action, String region, String resource, String operation) {

  /** The resource of an action that AWS does not scope to a resource. */
  public static final String ANY_RESOURCE = "*";

  private static final String SEPARATOR = "\t";

  public RecordedOperation {
    requireNonNull(accessKey, "accessKey is null");
    requireNonNull(action, "action is null");
    requireNonNull(region, "region is null");
    requireNonNull(resource, "resource is null");
    requireNonNull(operation, "operation is null");
  }

  /** This operation as one tab-separated line, as {@link #parse} reads it back. */
  public String line() {
    return String.join(SEPARATOR, accessKey, action, region, resource, operation);
  }

  /** Reads a {@link #line()}; an IllegalArgumentException says what is wrong with it. */
  public static RecordedOperation parse(String line) {
    List<String> fields = List.of(line.split(SEPARATOR, -1));
    if (fields.size() != 5 || fields.stream().anyMatch(String::isBlank)) {
      throw new IllegalArgumentException(
          "not a recorded operation (access key, action, region, resource and operation,"
              + " separated by tabs): "
              + line);
    }
    return new RecordedOperation(
        fields.get(0), fields.get(1), fields.get(2), fields.get(3), fields.get(4));
  }
}
