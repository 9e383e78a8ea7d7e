import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";

/**
 * Business metrics in CloudWatch's Embedded Metric Format (a JSON log line, no API calls),
 * imported only by the routes that make them. Requests and errors by route come from API
 * Gateway's detailed route metrics (`infra/api.ts`), so the other functions carry no metrics code.
 */
export const metrics = new Metrics({ namespace: "Emporium", serviceName: "emporium-api" });

/**
 * An order was placed: one more order, and its revenue in minor units of its currency, in one
 * line under the currency dimension (infra/monitoring.ts charts both per currency). The order's
 * id rides along as metadata (not a dimension: it costs nothing per order), so a metric line can
 * be traced to its order in the logs. Stored and published in one synchronous step, so
 * concurrent invocations sharing `metrics` never mix their values.
 */
export function recordOrderPlaced(order: { id: string; total: { amount: number; currency: string } }): void {
  metrics.addDimension("currency", order.total.currency);
  metrics.addMetadata("orderId", order.id);
  metrics.addMetric("OrdersPlaced", MetricUnit.Count, 1);
  metrics.addMetric("Revenue", MetricUnit.NoUnit, order.total.amount);
  metrics.publishStoredMetrics();
}
