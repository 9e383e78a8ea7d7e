import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";

/**
 * Business metrics in CloudWatch's Embedded Metric Format (a JSON log line, no API calls),
 * imported only by the routes that make them. Requests and errors by route come from API
 * Gateway's detailed route metrics (`infra/api.ts`), so the other functions carry no metrics code.
 */
export const metrics = new Metrics({ namespace: "Emporium", serviceName: "emporium-api" });

/** An order was placed: one more order, and its revenue in minor units of its currency. */
export function recordOrderPlaced(total: { amount: number; currency: string }): void {
  const single = metrics.singleMetric();
  single.addDimension("currency", total.currency);
  single.addMetric("OrdersPlaced", MetricUnit.Count, 1);
  single.addMetric("Revenue", MetricUnit.NoUnit, total.amount);
}
