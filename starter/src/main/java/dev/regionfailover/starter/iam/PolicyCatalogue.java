package dev.regionfailover.starter.iam;

import java.util.List;
import java.util.Map;

/**
 * Every AWS action the activities call, with the resources of an estate each is called on. When an
 * activity calls a new AWS operation, it belongs here; the starter's policy test fails until it is,
 * because the end-to-end tests record the call and the generated policy does not allow it.
 */
final class PolicyCatalogue {

  static final List<Grant> GRANTS =
      List.of(
          new Grant(
              "AuthorityLedger",
              List.of(
                  "dynamodb:DescribeTable",
                  "dynamodb:GetItem",
                  "dynamodb:Query",
                  "dynamodb:PutItem"),
              EstateResources::ledgerTables),
          new Grant(
              "PinsTableAndIndex",
              List.of(
                  "dynamodb:DescribeTable",
                  "dynamodb:GetItem",
                  "dynamodb:Query",
                  "dynamodb:UpdateItem"),
              EstateResources::pinsTableAndIndex),
          new Grant(
              "ReconciledTables",
              List.of("dynamodb:DescribeTable", "dynamodb:Scan", "dynamodb:BatchGetItem"),
              EstateResources::reconciledTables),
          new Grant(
              "MonitoredReplicatedTables",
              List.of("dynamodb:DescribeTable"),
              EstateResources::monitoredTables),
          new Grant(
              "TrafficAndWriterRecords",
              List.of("route53:ListResourceRecordSets", "route53:ChangeResourceRecordSets"),
              EstateResources::hostedZones),
          new Grant(
              "HostedZonesNamedById",
              List.of("route53:GetHostedZone"),
              EstateResources::hostedZonesNamedById),
          new Grant(
              "FindZonesByNameNoResourceLevelPermissions",
              List.of("route53:ListHostedZonesByName"),
              Grant.ANY),
          new Grant(
              "RecordChangesIdsAssignedByAws",
              List.of("route53:GetChange"),
              estate -> List.of("arn:aws:route53:::change/*")),
          new Grant(
              "FailoverRoutingHealthChecks",
              List.of("route53:GetHealthCheck", "route53:UpdateHealthCheck"),
              EstateResources::routingHealthChecks),
          new Grant(
              "MonitoredHealthChecks",
              List.of("route53:GetHealthCheckStatus"),
              EstateResources::monitoredHealthChecks),
          new Grant(
              "ArcRoutingControls",
              List.of(
                  "route53-recovery-cluster:GetRoutingControlState",
                  "route53-recovery-cluster:UpdateRoutingControlState",
                  "route53-recovery-cluster:UpdateRoutingControlStates"),
              EstateResources::routingControls),
          new Grant(
              "GlobalAcceleratorEndpointGroups",
              List.of(
                  "globalaccelerator:DescribeEndpointGroup",
                  "globalaccelerator:UpdateEndpointGroup"),
              EstateResources::endpointGroups),
          new Grant(
              "AuroraGlobalCluster",
              List.of(
                  "rds:DescribeGlobalClusters",
                  "rds:SwitchoverGlobalCluster",
                  "rds:FailoverGlobalCluster"),
              EstateResources::globalClusterAndMembers),
          new Grant(
              "AuroraClusters", List.of("rds:DescribeDBClusters"), EstateResources::auroraClusters),
          new Grant("RegionAlarms", List.of("cloudwatch:DescribeAlarms"), EstateResources::alarms),
          new Grant(
              "ReplicationMetricsNoResourceLevelPermissions",
              List.of("cloudwatch:GetMetricStatistics"),
              Grant.ANY),
          new Grant(
              "EcsServices",
              List.of("ecs:DescribeServices", "ecs:UpdateService"),
              EstateResources::ecsServices),
          new Grant(
              "AutoScalingGroups",
              List.of(
                  "autoscaling:UpdateAutoScalingGroup",
                  "autoscaling:SuspendProcesses",
                  "autoscaling:ResumeProcesses"),
              EstateResources::autoScalingGroups),
          new Grant(
              "DescribeAutoScalingGroupsNoResourceLevelPermissions",
              List.of("autoscaling:DescribeAutoScalingGroups"),
              Grant.ANY),
          new Grant(
              "EventSourceMappingsIdsAssignedByAws",
              List.of("lambda:GetEventSourceMapping", "lambda:UpdateEventSourceMapping"),
              EstateResources::eventSourceMappings),
          new Grant(
              "ListEventSourceMappingsNoResourceLevelPermissions",
              List.of("lambda:ListEventSourceMappings"),
              Grant.ANY),
          new Grant(
              "EventBridgeRules",
              List.of("events:DescribeRule", "events:EnableRule", "events:DisableRule"),
              EstateResources::rules),
          new Grant(
              "Schedules",
              List.of("scheduler:GetSchedule", "scheduler:UpdateSchedule"),
              EstateResources::schedules),
          new Grant(
              "PassScheduleRolesNotNamedInTheEstate",
              List.of("iam:PassRole"),
              EstateResources::scheduleRoles,
              Map.of("StringEquals", Map.of("iam:PassedToService", "scheduler.amazonaws.com"))),
          new Grant(
              "WritesEnabledFlags",
              List.of("ssm:GetParameter", "ssm:PutParameter", "ssm:DeleteParameter"),
              EstateResources::writesEnabledParameters),
          new Grant(
              "PromotionGuards", List.of("ssm:GetParameter"), EstateResources::guardParameters),
          new Grant(
              "StrandedQueuesAndRedrive",
              List.of(
                  "sqs:GetQueueUrl",
                  "sqs:GetQueueAttributes",
                  "sqs:ReceiveMessage",
                  "sqs:SendMessage",
                  "sqs:DeleteMessage"),
              EstateResources::queues));

  private PolicyCatalogue() {}
}
