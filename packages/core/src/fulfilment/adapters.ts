import { Resource } from "sst";
import { PaymentNotConfiguredError, type PaymentProvider } from "./payment";
import { PAYMENT_PROVIDER_VARIABLE, PRODUCTION_STAGE, SIMULATED_PROVIDER } from "./providers";
import { simulatedProvider } from "./simulator";

/** The adapters of the payment port, by provider name. A real provider's adapter is added here. */
const adapters: Record<string, PaymentProvider> = { [SIMULATED_PROVIDER]: simulatedProvider };

/**
 * The provider this function was deployed with. No configuration, an unknown name, or the
 * simulator in production is a fault (the payment is retried, then dead-lettered), never a
 * reason to fall back to the simulator.
 */
export function paymentProvider(): PaymentProvider {
  const name = process.env[PAYMENT_PROVIDER_VARIABLE];
  if (!name) throw new PaymentNotConfiguredError(`No payment provider is configured (${PAYMENT_PROVIDER_VARIABLE}); refusing to take payments.`);
  if (name === SIMULATED_PROVIDER && Resource.App.stage === PRODUCTION_STAGE) {
    throw new PaymentNotConfiguredError("The payment simulator never runs in production.");
  }
  const adapter = adapters[name];
  if (!adapter) throw new PaymentNotConfiguredError(`No adapter implements the payment provider "${name}".`);
  return adapter;
}
