/**
 * Which payment provider a stage uses. Plain data and a pure function, with no runtime imports,
 * so `infra/*` calls the same rule at deploy time that functions apply at cold start.
 *
 * - Local, test and preview stages use the simulator unless configured otherwise.
 * - Production must name its provider (`EMPORIUM_PAYMENT_PROVIDER` at deploy time); without one
 *   the deploy is refused. The simulator is never production's provider, not even as a fallback.
 */
export const SIMULATED_PROVIDER = "simulated";
export const PRODUCTION_STAGE = "production";

/** The environment variable that carries a function's provider, set by infra and the offline runtime. */
export const PAYMENT_PROVIDER_VARIABLE = "PAYMENT_PROVIDER";

export function paymentProviderFor(stage: string, configured: string | undefined): string {
  const name = configured?.trim() || undefined;
  if (stage !== PRODUCTION_STAGE) return name ?? SIMULATED_PROVIDER;
  if (!name) {
    throw new Error(
      "Refusing to deploy production without a payment provider: set EMPORIUM_PAYMENT_PROVIDER to the provider whose adapter " +
        "implements the payment port (packages/core/src/fulfilment/payment.ts). The payment simulator serves local, test and preview stages only.",
    );
  }
  if (name === SIMULATED_PROVIDER) {
    throw new Error(`Refusing to deploy production with the payment simulator (EMPORIUM_PAYMENT_PROVIDER=${name}); it serves local, test and preview stages only.`);
  }
  return name;
}
