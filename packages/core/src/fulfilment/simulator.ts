import { BatchGetCommand, DeleteCommand, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { productKey } from "../products";
import { documentClient, isConditionalCheckFailure, tableName } from "../table";
import { PaymentUnavailableError, type CaptureResult, type PaymentProvider, type PaymentRequest } from "./payment";

/**
 * The simulated payment provider (development and test adapter of the payment port). It
 * approves every payment unless a product of the order asks for another outcome through its
 * simulation item, which only this adapter reads and which no API route writes (tests and
 * operators set it in the table with `setSimulatedPayment`):
 * - `decline`: the provider refuses the payment (the order ends PAYMENT_FAILED);
 * - `unavailable`: the provider cannot be reached (fulfilment fails, is retried, then
 *   dead-lettered; the order stays PENDING until it expires);
 * - `slow`: approves after `delayMs`, having recorded the capture first, so a test can cancel
 *   an order between payment and confirmation.
 * Precedence when an order mixes products: decline, then unavailable, then slow.
 *
 * Captures and refunds are kept in a ledger item per order (`PAYMENT#<orderId>`), as a real
 * provider keeps them on its side; tests read it to prove that no unpaid end keeps a payment.
 */
export type SimulatedPayment = { outcome: "decline" } | { outcome: "unavailable" } | { outcome: "slow"; delayMs: number };

const simulationKey = (productId: string) => ({ ...productKey(productId), sk: "PAYMENT_SIMULATION" });
export const ledgerKey = (orderId: string) => ({ pk: `PAYMENT#${orderId}`, sk: "SIMULATED" });
const MAX_DELAY_MS = 5_000;

export interface LedgerEntry {
  orderId: string;
  status: "CAPTURED" | "REFUNDED";
  amount: number;
  currency: string;
  reference: string;
}

export async function setSimulatedPayment(productId: string, simulation: SimulatedPayment | undefined): Promise<void> {
  if (!simulation) {
    await documentClient().send(new DeleteCommand({ TableName: tableName(), Key: simulationKey(productId) }));
    return;
  }
  await documentClient().send(new PutCommand({ TableName: tableName(), Item: { ...simulationKey(productId), type: "paymentSimulation", ...simulation } }));
}

async function simulationsOf(productIds: string[]): Promise<SimulatedPayment[]> {
  if (productIds.length === 0) return [];
  const { Responses } = await documentClient().send(
    new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: productIds.map(simulationKey), ConsistentRead: true } } }),
  );
  return (Responses?.[tableName()] ?? []).map((item) => item as unknown as SimulatedPayment);
}

export const simulatedProvider: PaymentProvider = {
  name: "simulated",

  async capture(request: PaymentRequest): Promise<CaptureResult> {
    const simulations = await simulationsOf(request.productIds);
    if (simulations.some((s) => s.outcome === "decline")) return { outcome: "declined", reason: "the simulated provider declined the payment" };
    if (simulations.some((s) => s.outcome === "unavailable")) {
      throw new PaymentUnavailableError(`the simulated provider is unavailable for order ${request.orderId}`);
    }
    const reference = `sim_${request.orderId}`;
    try {
      await documentClient().send(
        new PutCommand({
          TableName: tableName(),
          Item: { ...ledgerKey(request.orderId), type: "payment", orderId: request.orderId, status: "CAPTURED", ...request.amount, reference },
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailure(error)) throw error;
      const entry = await ledgerEntry(request.orderId);
      if (entry?.status === "REFUNDED") return { outcome: "declined", reason: "this order's payment was already refunded" };
    }
    const delayMs = Math.max(0, ...simulations.map((s) => (s.outcome === "slow" ? Math.min(s.delayMs, MAX_DELAY_MS) : 0)));
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    return { outcome: "captured", reference };
  },

  async refund(orderId: string) {
    try {
      await documentClient().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: ledgerKey(orderId),
          UpdateExpression: "SET #status = :refunded",
          ConditionExpression: "attribute_exists(pk)",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: { ":refunded": "REFUNDED" },
        }),
      );
      return "refunded";
    } catch (error) {
      if (isConditionalCheckFailure(error)) return "nothing-captured";
      throw error;
    }
  },
};

/** What the simulated provider holds for an order, if anything. */
export async function ledgerEntry(orderId: string): Promise<LedgerEntry | undefined> {
  const { Item } = await documentClient().send(
    new GetCommand({ TableName: tableName(), Key: ledgerKey(orderId), ConsistentRead: true }),
  );
  return Item as LedgerEntry | undefined;
}
