import { SendEmailCommand } from "@aws-sdk/client-sesv2";
import { Resource } from "sst";
import { ses } from "../aws/clients";
import type { OrderEvent } from "../events";
import { claim, release } from "../table";
import * as Users from "../users";
import { renderOrderMail } from "./render";

/**
 * E-mails the customer about an order event through SES (offline, the runtime's SES endpoint
 * keeps it in a local outbox). Once per event: a redelivered message finds its claim and sends
 * nothing; a failed send gives the claim back so the retry can send.
 */
export async function notify(event: OrderEvent): Promise<"sent" | "skipped"> {
  const profile = await Users.find(event.data.userId);
  const mail = renderOrderMail(event, profile?.name ?? null);
  if (!mail || !profile?.email) return "skipped";
  if (!(await claim("notification", event.id))) return "skipped";
  try {
    await ses().send(
      new SendEmailCommand({
        FromEmailAddress: Resource.Email.sender,
        Destination: { ToAddresses: [profile.email] },
        Content: { Simple: { Subject: { Data: mail.subject }, Body: { Text: { Data: mail.text } } } },
      }),
    );
    return "sent";
  } catch (error) {
    await release("notification", event.id);
    throw error;
  }
}
