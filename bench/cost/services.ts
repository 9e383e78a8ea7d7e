/** The services a bill is made of, and how the usual serverless cost tables group them. */
export const SERVICES = [
  "Lambda",
  "API Gateway",
  "CloudFront (Router)",
  "DynamoDB",
  "SNS",
  "SQS",
  "Kinesis",
  "SES",
  "S3",
  "Data transfer",
  "CloudWatch Logs",
  "CloudWatch metrics, alarms, dashboard",
  "X-Ray",
] as const;
export type Service = (typeof SERVICES)[number];
export type Costs = Record<Service, number>;

export const GROUPS: Record<string, readonly Service[]> = {
  Lambda: ["Lambda"],
  "API Gateway": ["API Gateway"],
  DynamoDB: ["DynamoDB"],
  "Data transfer": ["Data transfer"],
  Monitoring: ["CloudWatch Logs", "CloudWatch metrics, alarms, dashboard", "X-Ray"],
  "CloudFront (Router)": ["CloudFront (Router)"],
  "Events and e-mail (SNS, SQS, Kinesis, SES, S3)": ["SNS", "SQS", "Kinesis", "SES", "S3"],
};

export const zero = (): Costs => Object.fromEntries(SERVICES.map((service) => [service, 0])) as Costs;

export function add(into: Costs, from: Partial<Costs>, times = 1): Costs {
  for (const [service, usd] of Object.entries(from) as [Service, number][]) into[service] += usd * times;
  return into;
}

export const total = (costs: Partial<Costs>) => Object.values(costs).reduce((sum, usd) => sum + (usd ?? 0), 0);
