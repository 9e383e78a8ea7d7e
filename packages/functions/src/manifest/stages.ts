/** Stage configuration: function defaults, settings read from the environment, CORS, per-stage overrides. */
import { consumers, type ConsumerSpec } from "./pipeline";

/**
 * Stage configuration a function reads from its environment, by variable name. `infra/*` sets
 * the deployed values (infra/config.ts), `packages/local` the offline ones.
 * - `PAYMENT_PROVIDER`: the payment port's adapter (core/fulfilment/providers.ts decides per stage).
 * - `ORDER_HOLD_MINUTES`: how long an order may stay PENDING before it expires.
 * - `AUTH_IP_LIMIT_SCALE`: how many times the account flows' per-IP limits this stage allows
 *   (core/identity/attempts.ts; 1 unless the stage says otherwise).
 */
export type Setting = "PAYMENT_PROVIDER" | "ORDER_HOLD_MINUTES" | "AUTH_IP_LIMIT_SCALE";

/**
 * `memory` is the size of a function nothing has measured yet. A function the cost model's flows
 * run (`bun run cost`) carries its own `memory`, the largest size the cost model fitted to it
 * over its recorded runs: less memory is less CPU on Lambda, so each is the smallest that holds
 * its memory and keeps its cold and warm times in budget.
 */
export const defaults = { memory: "1024 MB", timeout: "10 seconds", architecture: "arm64", runtime: "nodejs22.x" } as const;

/**
 * Cross-origin access, answered by API Gateway itself (preflights included) and by the local
 * gateway offline. Production allows only its own front end; no stage allows `*`.
 */
export const cors = {
  allowMethods: ["GET", "POST", "PUT", "PATCH", "DELETE"],
  allowHeaders: ["authorization", "content-type", "idempotency-key", "if-match", "if-none-match", "x-api-key"],
  exposeHeaders: ["etag", "location", "retry-after", "ratelimit-limit", "ratelimit-remaining", "ratelimit-reset", "x-request-id"],
  maxAgeSeconds: 600,
  origins: {
    production: ["https://emporium.dev", "https://www.emporium.dev"],
    /** Personal and preview stages, and `bun dev`: a front end on the usual dev server ports. */
    development: ["http://localhost:5173", "http://127.0.0.1:5173", "http://localhost:3001"],
  },
} as const;

export function corsOrigins(stage: string): readonly string[] {
  return stage === "production" ? cors.origins.production : cors.origins.development;
}

/**
 * Per-stage consumer settings that differ from the ones in pipeline.ts (which every deployed stage uses).
 * `local` is `bun dev` and the tests: the processor invokes as soon as records arrive instead of
 * gathering them for a second, so an order is confirmed within about half a second offline;
 * under load batches still form while the function is busy.
 */
export const stages: Record<string, { consumers?: { [Name in keyof typeof consumers]?: Pick<ConsumerSpec, "batchingWindowSeconds"> } }> = {
  local: { consumers: { OrderEventsProcessor: { batchingWindowSeconds: 0 } } },
};

/** The consumers as `stage` runs them: the specs of pipeline.ts with the stage's own settings applied. */
export function consumersFor(stage: string): Record<keyof typeof consumers, ConsumerSpec> {
  const overrides = stages[stage]?.consumers ?? {};
  const specs = {} as Record<keyof typeof consumers, ConsumerSpec>;
  for (const name of Object.keys(consumers) as (keyof typeof consumers)[]) specs[name] = { ...consumers[name], ...overrides[name] };
  return specs;
}
