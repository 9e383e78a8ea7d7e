import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";

/**
 * CloudWatch metrics in Embedded Metric Format (one JSON log line per invocation, no API
 * calls): requests and errors by route, plus the business metrics of the routes that make them.
 */
export const metrics = new Metrics({ namespace: "Emporium", serviceName: "emporium-api" });

/** One request's outcome, by route: counted, and classed as client error or fault. */
export function recordRequest(route: string, status: number): void {
  metrics.addDimension("route", route);
  metrics.addMetric("Requests", MetricUnit.Count, 1);
  metrics.addMetric("ClientErrors", MetricUnit.Count, status >= 400 && status < 500 ? 1 : 0);
  metrics.addMetric("Faults", MetricUnit.Count, status >= 500 ? 1 : 0);
  metrics.publishStoredMetrics();
}

/** An order was placed: one more order, and its revenue in minor units of its currency. */
export function recordOrderPlaced(total: { amount: number; currency: string }): void {
  const single = metrics.singleMetric();
  single.addDimension("currency", total.currency);
  single.addMetric("OrdersPlaced", MetricUnit.Count, 1);
  single.addMetric("Revenue", MetricUnit.NoUnit, total.amount);
}
