import { consumers, queues, uploads, type ConsumerSpec, type QueueName, type QueueSpec } from "../packages/functions/src/manifest";
import { api } from "./api";
import { capacity, settings } from "./config";
import { consumerSubscriptions } from "./consumers";
import { deadLetterQueues, queueComponents } from "./events";

/**
 * Alarms and a dashboard. Every alarm notifies the alarm topic, which e-mails the on-call
 * address (EMPORIUM_ONCALL_EMAIL: required in production, optional elsewhere): API 5xx rate,
 * API p99 latency, Lambda throttles, any message in a dead-letter queue or a stream's failure
 * queue, stream consumers falling behind.
 */
export const alarmTopic = new sst.aws.SnsTopic("Alarms");

/** SNS e-mails the address a confirmation link first; alarms reach it once it is confirmed. */
export const oncall = settings.oncallEmail
  ? new aws.sns.TopicSubscription("AlarmsOncall", { topic: alarmTopic.arn, protocol: "email", endpoint: settings.oncallEmail })
  : undefined;

const region = aws.getRegionOutput().region;
const apiId = api.nodes.api.id;
const actions = { alarmActions: [alarmTopic.arn], okActions: [alarmTopic.arn] };

/** An alarm that fires when its metric goes above `threshold` (0 unless given), notifying the alarm topic. */
function alarm(name: string, args: Partial<aws.cloudwatch.MetricAlarmArgs>) {
  return new aws.cloudwatch.MetricAlarm(name, {
    comparisonOperator: "GreaterThanThreshold",
    threshold: 0,
    evaluationPeriods: 1,
    treatMissingData: "notBreaching",
    ...actions,
    ...args,
  });
}

export const apiErrorRate = alarm("AlarmApi5xxRate", {
  alarmDescription: "More than 1% of API requests failed with 5xx over 5 minutes",
  threshold: 1,
  metricQueries: [
    { id: "errors", metric: { namespace: "AWS/ApiGateway", metricName: "5xx", dimensions: { ApiId: apiId }, period: 300, stat: "Sum" } },
    { id: "requests", metric: { namespace: "AWS/ApiGateway", metricName: "Count", dimensions: { ApiId: apiId }, period: 300, stat: "Sum" } },
    { id: "rate", expression: "IF(requests > 0, 100 * errors / requests, 0)", label: "5xx %", returnData: true },
  ],
});

export const apiLatency = alarm("AlarmApiP99Latency", {
  alarmDescription: "API p99 latency above 2 s for 3 of 5 minutes",
  namespace: "AWS/ApiGateway",
  metricName: "Latency",
  dimensions: { ApiId: apiId },
  extendedStatistic: "p99",
  period: 60,
  evaluationPeriods: 5,
  datapointsToAlarm: 3,
  threshold: 2000,
});

export const throttles = alarm("AlarmLambdaThrottles", {
  alarmDescription: "Lambda throttled invocations in this account and region",
  namespace: "AWS/Lambda",
  metricName: "Throttles",
  statistic: "Sum",
  period: 60,
});

/** The manifest's queues that have a dead-letter queue, and that queue (infra/events.ts). */
const deadLettered = (Object.entries(queues) as [QueueName, QueueSpec][]).flatMap(([name, spec]) =>
  spec.deadLetter ? [{ name, deadLetter: deadLetterQueues[name]! }] : [],
);

export const deadLetterDepth = deadLettered.map(({ name, deadLetter }) =>
  alarm(`Alarm${name}DlqDepth`, {
    alarmDescription: `Messages ${name} gave up on are waiting in its dead-letter queue`,
    namespace: "AWS/SQS",
    metricName: "ApproximateNumberOfMessagesVisible",
    dimensions: { QueueName: deadLetter.nodes.queue.name },
    statistic: "Maximum",
    period: 60,
  }),
);

/**
 * On-failure queues have no consumer: a message there is work nobody did. A stream consumer's
 * holds batches whose retries are spent, to be replayed from the stream while it still holds
 * them (24 h); the image processor's holds the S3 events themselves, with the error.
 */
const streamFailureQueues = [...new Set(Object.values(consumers as Record<string, ConsumerSpec>).flatMap((spec) => (spec.onFailure ? [spec.onFailure] : [])))] as QueueName[];
const failureQueues: { name: QueueName; description: string }[] = [
  ...streamFailureQueues.map((name) => ({ name, description: `Stream batches that failed for good are waiting in ${name}: replay them from the stream within 24 h` })),
  { name: uploads.onFailure, description: `Image uploads the processor failed on three times are waiting in ${uploads.onFailure}, each with its S3 event and error` },
];

export const failureQueueDepth = failureQueues.map(({ name, description }) =>
  alarm(`Alarm${name}Depth`, {
    alarmDescription: description,
    namespace: "AWS/SQS",
    metricName: "ApproximateNumberOfMessagesVisible",
    dimensions: { QueueName: queueComponents[name].nodes.queue.name },
    statistic: "Maximum",
    period: 60,
  }),
);

/** The consumers fed by a stream (the manifest's), with their functions' names (infra/consumers.ts). */
const streamConsumers = Object.entries(consumerSubscriptions).flatMap(([name, consumer]) =>
  consumer.kind === "stream" ? [{ name, functionName: consumer.subscription.nodes.function.name }] : [],
);

export const iteratorAge = streamConsumers.map(
  ({ name, functionName }) =>
    alarm(`Alarm${name}IteratorAge`, {
      alarmDescription: `${name} is more than a minute behind its stream`,
      namespace: "AWS/Lambda",
      metricName: "IteratorAge",
      dimensions: { FunctionName: functionName },
      statistic: "Maximum",
      period: 60,
      evaluationPeriods: 3,
      threshold: 60_000,
    }),
);

/** Not in previews: a dashboard is a fixed monthly charge, and nobody watches a pull request's stage. */
export const dashboard = capacity.dashboard ? new aws.cloudwatch.Dashboard("Dashboard", {
  dashboardName: `${$app.name}-${$app.stage}`,
  dashboardBody: $jsonStringify({
    widgets: [
      metricWidget("API requests and errors", [["AWS/ApiGateway", "Count", "ApiId", apiId], ["AWS/ApiGateway", "4xx", "ApiId", apiId], ["AWS/ApiGateway", "5xx", "ApiId", apiId]], "Sum", 0),
      metricWidget("API latency p99 (ms)", [["AWS/ApiGateway", "Latency", "ApiId", apiId]], "p99", 1),
      metricWidget("Orders placed and revenue", [["Emporium", "OrdersPlaced", "service", "emporium-api", "currency", "EUR"], ["Emporium", "Revenue", "service", "emporium-api", "currency", "EUR"]], "Sum", 2),
      metricWidget(
        "Dead-letter and failure queues",
        [...deadLettered.map(({ deadLetter }) => deadLetter), ...failureQueues.map(({ name }) => queueComponents[name])].map((queue) => [
          "AWS/SQS",
          "ApproximateNumberOfMessagesVisible",
          "QueueName",
          queue.nodes.queue.name,
        ]),
        "Maximum",
        3,
      ),
      metricWidget(
        "Stream consumers' iterator age (ms)",
        streamConsumers.map(({ functionName }) => ["AWS/Lambda", "IteratorAge", "FunctionName", functionName]),
        "Maximum",
        4,
      ),
      metricWidget("Lambda throttles", [["AWS/Lambda", "Throttles"]], "Sum", 5),
    ],
  }),
}) : undefined;

function metricWidget(title: string, metrics: unknown[][], stat: string, index: number) {
  return { type: "metric", x: (index % 2) * 12, y: Math.floor(index / 2) * 6, width: 12, height: 6, properties: { title, metrics, stat, period: 300, region, view: "timeSeries" } };
}
