import type { Money } from "../money";

/**
 * The payment step, simulated: there is no payment provider yet. It fails, deterministically,
 * for totals whose minor units end in 13 (the "test card" of this simulator), so tests and
 * demos can drive the failure path: the error propagates, the message is retried and finally
 * dead-lettered, exactly as an outage of a real provider would play out.
 */
export class PaymentUnavailableError extends Error {
  override readonly name = "PaymentUnavailableError";
}

export const FAILING_AMOUNT_SUFFIX = 13;

export async function capturePayment(orderId: string, total: Money): Promise<void> {
  if (total.amount % 100 === FAILING_AMOUNT_SUFFIX) {
    throw new PaymentUnavailableError(`payment for order ${orderId} (${total.amount} ${total.currency}) could not be captured`);
  }
}
