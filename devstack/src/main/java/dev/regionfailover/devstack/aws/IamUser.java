package dev.regionfailover.devstack.aws;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.iam.model.AccessKey;

/**
 * An IAM user created in the emulator with an access key of its own, whose signed requests STS
 * answers with this user's ARN: a person with their own AWS credentials, such as an approver.
 */
public record IamUser(String name, String arn, StaticCredentialsProvider credentials) {

  /** Creates the user and an access key for it. */
  public static IamUser create(EmulatorClients aws, String name) {
    String arn = aws.iam().createUser(r -> r.userName(name)).user().arn();
    AccessKey key = aws.iam().createAccessKey(r -> r.userName(name)).accessKey();
    return new IamUser(
        name,
        arn,
        StaticCredentialsProvider.create(
            AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey())));
  }
}
