/**
 * What AWS requires of a Lambda function's execution role (or of the resource that invokes it)
 * for each integration the app uses, from the services' documentation. Plain data: the graph
 * test derives each function's integrations from the manifest and checks its role against this
 * table in every stage, so a permission AWS needs but no mock enforces can't go missing again.
 */

/** Actions the execution role must allow, on the resource named by `on`. */
export interface RoleActions {
  kind: "role";
  actions: readonly string[];
  /** `*`: the service has no resource-level permissions; otherwise the integration's resource. */
  on: "*" | "source" | "destination";
}

/** A resource-based policy statement on the function letting a service invoke it. */
export interface InvokePermission {
  kind: "invoke";
  principal: string;
  /** The resource the invocation must come from (the permission's `sourceArn`). */
  on: "source";
}

/** An AWS managed policy the role must have attached. */
export interface ManagedPolicy {
  kind: "managed";
  policy: string;
}

export type Requirement = RoleActions | InvokePermission | ManagedPolicy;

export const roleRequirements = {
  /** Every function: CloudWatch Logs (CreateLogGroup, CreateLogStream, PutLogEvents). */
  logs: { kind: "managed", policy: "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole" },
  /** Every function with active tracing. */
  xray: { kind: "role", actions: ["xray:PutTraceSegments", "xray:PutTelemetryRecords"], on: "*" },
  /** Event-source mapping reading a DynamoDB stream. */
  dynamodbStreamSource: {
    kind: "role",
    actions: ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams"],
    on: "source",
  },
  /** Event-source mapping reading a Kinesis stream (SubscribeToShard for enhanced fan-out). */
  kinesisSource: {
    kind: "role",
    actions: [
      "kinesis:DescribeStream",
      "kinesis:DescribeStreamSummary",
      "kinesis:GetRecords",
      "kinesis:GetShardIterator",
      "kinesis:ListShards",
      "kinesis:ListStreams",
      "kinesis:SubscribeToShard",
    ],
    on: "source",
  },
  /** Event-source mapping polling an SQS queue. */
  sqsSource: { kind: "role", actions: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"], on: "source" },
  /** A stream mapping's on-failure destination, when it is an SQS queue. */
  sqsOnFailureDestination: { kind: "role", actions: ["sqs:SendMessage"], on: "destination" },
  /** S3 event notifications: the bucket invokes the function. */
  s3Notification: { kind: "invoke", principal: "s3.amazonaws.com", on: "source" },
  /** Cognito user-pool triggers: the pool invokes the function. */
  cognitoTrigger: { kind: "invoke", principal: "cognito-idp.amazonaws.com", on: "source" },
} as const satisfies Record<string, Requirement>;

export type Integration = keyof typeof roleRequirements;

/** Every function has these, whatever else it is wired to. */
export const everyFunction: readonly Integration[] = ["logs", "xray"];

/** The mapping requirement for each event-source kind of the manifest. */
export const sourceRequirement = { dynamodb: "dynamodbStreamSource", kinesis: "kinesisSource", sqs: "sqsSource" } as const satisfies Record<
  string,
  Integration
>;
