/**
 * Order e-mails through the local SES endpoint (its outbox, `GET /outbox`): one mail per event
 * to the customer's stored address, none for a customer without one or an event that means
 * nothing to them, none twice for a redelivered event, and a failed send leaves the event to
 * be sent again. The events are made up here with ids of their own: the order pipeline of
 * `bun run test` never sees them.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, inject, it } from "vitest";
import type { OrderEvent } from "../src/events";
import { newId } from "../src/ids";
import { notify } from "../src/notifications";
import type { OrderStatus } from "../src/orders";
import * as Users from "../src/users";

interface OutboxMail {
  from: string;
  to: string[];
  subject: string;
  text?: string;
}

async function mailsTo(address: string): Promise<OutboxMail[]> {
  const response = await fetch(`${inject("stack").endpoints.ses}/outbox`);
  expect(response.status).toBe(200);
  return ((await response.json()) as OutboxMail[]).filter((mail) => mail.to.includes(address));
}

async function customer(email: string | null, name: string | null = "Noor") {
  const userId = `test-notify-${randomUUID()}`;
  await Users.ensure({ userId, role: "customer", username: `u-${randomUUID()}` }, { email, name });
  return userId;
}

function event(userId: string, status: OrderStatus, type: OrderEvent["type"] = "order.status_changed"): OrderEvent {
  const orderId = newId();
  return {
    type,
    version: 1,
    id: `${orderId}:v2`,
    occurredAt: "2026-12-03T10:00:00.000Z",
    data: {
      orderId,
      userId,
      status,
      total: { amount: 1_234, currency: "EUR" },
      createdAt: "2026-12-03T09:59:00.000Z",
      lines: [{ productId: newId(), quantity: 2, lineTotal: { amount: 1_234, currency: "EUR" } }],
    },
  };
}

describe("order e-mails", () => {
  it("sends the customer one mail per event, from the app's sender, with the rendered text", async () => {
    const email = `notify-${randomUUID()}@example.com`;
    const userId = await customer(email);
    const shipped = event(userId, "SHIPPED");
    expect(await notify(shipped)).toBe("sent");
    const mails = await mailsTo(email);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({
      from: "orders@emporium.local",
      to: [email],
      subject: `Your order ${shipped.data.orderId} has shipped`,
      text: `Hello Noor,\n\nYour order ${shipped.data.orderId} (1 item, total 12.34 EUR) has shipped.\n\nEmporium`,
    });
    // A redelivered event finds its claim: nothing more is sent.
    expect(await notify(shipped)).toBe("skipped");
    // Another event of the same customer is another mail.
    expect(await notify(event(userId, "DELIVERED"))).toBe("sent");
    expect((await mailsTo(email)).map((mail) => mail.subject)).toEqual([expect.stringMatching(/has shipped$/), expect.stringMatching(/was delivered$/)]);
  });

  it("sends nothing for an event that means nothing to the customer, or to a customer without an address or profile", async () => {
    const email = `notify-${randomUUID()}@example.com`;
    const userId = await customer(email);
    // An order becoming PENDING again is no news to anyone.
    expect(await notify(event(userId, "PENDING"))).toBe("skipped");
    expect(await mailsTo(email)).toEqual([]);
    expect(await notify(event(await customer(null), "CONFIRMED"))).toBe("skipped");
    expect(await notify(event(`test-notify-nobody-${randomUUID()}`, "CONFIRMED"))).toBe("skipped");
    // The same events, now about a customer with an address, are sent: what stopped them was the customer.
    expect(await notify(event(userId, "CONFIRMED"))).toBe("sent");
    expect(await mailsTo(email)).toHaveLength(1);
  });

  it("gives the event back when SES refuses the mail, so a retry sends it again instead of skipping it", async () => {
    // SES refuses a recipient that is not an e-mail address (400 BadRequestException).
    const userId = await customer("not-an-address");
    const refused = event(userId, "CONFIRMED");
    await expect(notify(refused)).rejects.toMatchObject({ name: "BadRequestException" });
    // Not "skipped": the claim was released, so the retry tries to send again.
    await expect(notify(refused)).rejects.toMatchObject({ name: "BadRequestException" });
  });
});
