import { consumers, uploads, type ConsumerSpec } from "../packages/functions/src/manifest";
import { bucketComponents, queueComponents, streamComponents } from "./events";
import { functionArgs } from "./functions";
import { linkables } from "./links";
import { table } from "./storage";

/*
 * The pipeline's functions: one event-source mapping per consumer, with its batch settings and
 * partial-failure reporting, and the uploads bucket's notification of the image processor.
 */

/** Stream mappings: batch size, window, bisect, bounded retries, failure destination, item failures. */
function streamMapping(spec: ConsumerSpec) {
  return (args: aws.lambda.EventSourceMappingArgs) => {
    args.batchSize = spec.batchSize;
    args.maximumBatchingWindowInSeconds = spec.batchingWindowSeconds ?? 0;
    args.startingPosition = spec.source.kind === "sqs" ? undefined : spec.source.startingPosition;
    args.bisectBatchOnFunctionError = spec.bisectOnError ?? false;
    args.maximumRetryAttempts = spec.maximumRetryAttempts ?? -1;
    args.functionResponseTypes = ["ReportBatchItemFailures"];
    if (spec.onFailure) args.destinationConfig = { onFailure: { destinationArn: queueComponents[spec.onFailure].arn } };
    return undefined;
  };
}

/**
 * Lambda sends a failed stream batch's description to the on-failure destination with the
 * function's own role: without this the mapping can't deliver it. SST's
 * subscribers already grant reading the source (stream, or queue receive and delete).
 */
function destinationPermissions(spec: ConsumerSpec) {
  return spec.onFailure ? [{ actions: ["sqs:SendMessage"], resources: [queueComponents[spec.onFailure].arn] }] : [];
}

function subscribe(name: string, spec: ConsumerSpec) {
  const fn = functionArgs(spec, linkables, { permissions: destinationPermissions(spec) });
  const filters = spec.filters ? [...spec.filters] : undefined;
  switch (spec.source.kind) {
    case "dynamodb":
      return { kind: "stream" as const, subscription: table.subscribe(name, fn, { filters, transform: { eventSourceMapping: streamMapping(spec) } }) };
    case "kinesis":
      return {
        kind: "stream" as const,
        subscription: streamComponents[spec.source.stream].subscribe(name, fn, { filters, transform: { eventSourceMapping: streamMapping(spec) } }),
      };
    case "sqs":
      return {
        kind: "queue" as const,
        subscription: queueComponents[spec.source.queue].subscribe(fn, {
          filters,
          batch: { size: spec.batchSize, window: `${spec.batchingWindowSeconds ?? 0} seconds`, partialResponses: true },
        }),
      };
  }
}

/** Every consumer's subscription, by manifest name; `stream` ones read a stream (monitoring watches their iterator age). */
export const consumerSubscriptions = Object.fromEntries(
  Object.entries(consumers as Record<string, ConsumerSpec>).map(([name, spec]) => [name, subscribe(name, spec)]),
) as Record<keyof typeof consumers, ReturnType<typeof subscribe>>;

/** Product image uploads notify the image processor, which checks and attaches them. */
export const uploadNotifications = bucketComponents[uploads.bucket].notify({
  notifications: [
    {
      name: uploads.processor.name,
      // Lambda sends the invocation record to the destination with the function's own role.
      function: functionArgs(uploads.processor, linkables, { permissions: [{ actions: ["sqs:SendMessage"], resources: [queueComponents[uploads.onFailure].arn] }] }),
      events: ["s3:ObjectCreated:*"],
      filterPrefix: uploads.prefix,
    },
  ],
});

/** An upload the processor failed on for good is kept, with its error, instead of dropped. */
export const uploadFailures = new aws.lambda.FunctionEventInvokeConfig(`${uploads.processor.name}InvokeConfig`, {
  functionName: uploadNotifications.nodes.functions.apply((functions) => functions[0]!.name),
  maximumRetryAttempts: uploads.maximumRetryAttempts,
  destinationConfig: { onFailure: { destination: queueComponents[uploads.onFailure].arn } },
});
