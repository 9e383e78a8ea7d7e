import { DomainError } from "../errors";
import type { Money } from "../money";

/**
 * The payment port: the one way the system takes and gives back money. Fulfilment calls it;
 * an adapter per provider implements it (./simulator.ts is the only one today, for local, test
 * and preview stages). Which adapter a function uses is stage configuration (./providers.ts),
 * never a fallback.
 */
export interface PaymentRequest {
  /** Also the idempotency key: capturing the same order twice captures once. */
  orderId: string;
  amount: Money;
  productIds: string[];
}

export type CaptureResult = { outcome: "captured"; reference: string } | { outcome: "declined"; reason: string };

export interface PaymentProvider {
  readonly name: string;
  /** Captures the order's amount; a decline is an answer, an unreachable provider throws `PaymentUnavailableError`. */
  capture(request: PaymentRequest): Promise<CaptureResult>;
  /** Gives back whatever was captured for the order; idempotent, and harmless when nothing was. */
  refund(orderId: string): Promise<"refunded" | "nothing-captured">;
}

/** The provider could not be reached or answered with a fault: retry later (the message is redelivered). */
export class PaymentUnavailableError extends DomainError {}

/** The function was deployed without a usable provider: a configuration fault, never a reason to simulate. */
export class PaymentNotConfiguredError extends DomainError {}
