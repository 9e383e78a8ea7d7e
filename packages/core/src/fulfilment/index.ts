export { fulfil, type FulfilmentOutcome } from "./service";
export { PaymentUnavailableError, PaymentNotConfiguredError, type PaymentProvider, type PaymentRequest, type CaptureResult } from "./payment";
export { paymentProvider } from "./adapters";
export { paymentProviderFor, SIMULATED_PROVIDER, PAYMENT_PROVIDER_VARIABLE } from "./providers";
export { setSimulatedPayment, ledgerEntry, type SimulatedPayment, type LedgerEntry } from "./simulator";
