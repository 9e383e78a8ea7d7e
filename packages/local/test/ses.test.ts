import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SESv2Client, SendEmailCommand, type SendEmailCommandInput } from "@aws-sdk/client-sesv2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSes, type OutboxMail, type SesEndpoint } from "../src/emulators/ses";
import { LOCAL_CREDENTIALS, LOCAL_REGION } from "../src/local-account";

const outboxDir = mkdtempSync(join(tmpdir(), "emporium-ses-"));
const lines: string[] = [];
let ses: SesEndpoint;
let client: SESv2Client;

beforeAll(async () => {
  ses = await startSes({ port: 0, outboxDir, log: (line) => lines.push(line) });
  client = new SESv2Client({ endpoint: ses.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
});

afterAll(async () => {
  client.destroy();
  await ses.close();
  rmSync(outboxDir, { recursive: true, force: true });
});

describe("local SES v2", () => {
  it("keeps a mail sent with the real SDK in its outbox, in memory, over HTTP and as a file", async () => {
    const { MessageId } = await client.send(
      new SendEmailCommand({
        FromEmailAddress: "orders@example.com",
        Destination: { ToAddresses: ["ada@example.com"], CcAddresses: ["grace@example.com"] },
        Content: {
          Simple: {
            Subject: { Data: "Your order Ø-42 is confirmed" },
            Body: { Text: { Data: "Thank you, Ada." }, Html: { Data: "<p>Thank you, Ada.</p>" } },
          },
        },
        ConfigurationSetName: "ignored-locally",
      }),
    );
    expect(MessageId).toMatch(/^[0-9a-f-]{36}$/);

    const expected: Partial<OutboxMail> = {
      messageId: MessageId!,
      from: "orders@example.com",
      to: ["ada@example.com"],
      cc: ["grace@example.com"],
      bcc: [],
      subject: "Your order Ø-42 is confirmed",
      text: "Thank you, Ada.",
      html: "<p>Thank you, Ada.</p>",
    };
    const [mail] = ses.outbox().filter((candidate) => candidate.messageId === MessageId);
    expect(mail).toMatchObject(expected);
    expect(Date.parse(mail!.receivedAt)).toBeGreaterThan(Date.now() - 60_000);

    const response = await fetch(`${ses.endpoint}/outbox`);
    expect(response.status).toBe(200);
    expect(await response.json()).toContainEqual(mail);

    const files = readdirSync(outboxDir).filter((file) => file.includes(MessageId!));
    expect(files).toHaveLength(1);
    const eml = readFileSync(join(outboxDir, files[0]!), "utf8");
    expect(eml).toContain("From: orders@example.com\r\n");
    expect(eml).toContain("To: ada@example.com\r\n");
    expect(eml).toContain("Subject: Your order Ø-42 is confirmed\r\n");
    expect(eml).toContain("multipart/alternative");
    expect(eml).toContain("Thank you, Ada.");
  });

  it("writes a text-only mail as a single part, with no line break smuggled into a header", async () => {
    const { MessageId } = await client.send(
      new SendEmailCommand({
        FromEmailAddress: "orders@example.com",
        Destination: { ToAddresses: ["ada@example.com"] },
        Content: { Simple: { Subject: { Data: "Shipped\r\nBcc: eve@example.com" }, Body: { Text: { Data: "On its way." } } } },
      }),
    );
    const [file] = readdirSync(outboxDir).filter((name) => name.includes(MessageId!));
    const eml = readFileSync(join(outboxDir, file!), "utf8");
    expect(eml).toContain("Subject: Shipped Bcc: eve@example.com\r\n");
    expect(eml).not.toContain("\r\nBcc:");
    expect(eml).toContain("Content-Type: text/plain; charset=UTF-8");
    expect(eml).not.toContain("multipart");
    const stored = ses.outbox().find((mail) => mail.messageId === MessageId);
    expect(stored).toMatchObject({ messageId: MessageId, text: "On its way." });
    expect(stored).not.toHaveProperty("html");
  });

  it("keeps only the most recent mails in memory and every mail in its folder", async () => {
    const folder = mkdtempSync(join(tmpdir(), "emporium-ses-kept-"));
    const small = await startSes({ port: 0, outboxDir: folder, keep: 3, log: () => undefined });
    const sender = new SESv2Client({ endpoint: small.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    try {
      const ids: string[] = [];
      for (let index = 1; index <= 5; index++) {
        const { MessageId } = await sender.send(
          new SendEmailCommand({
            FromEmailAddress: "orders@example.com",
            Destination: { ToAddresses: ["ada@example.com"] },
            Content: { Simple: { Subject: { Data: `Mail ${index}` }, Body: { Text: { Data: "t" } } } },
          }),
        );
        ids.push(MessageId!);
      }
      expect(small.outbox().map((mail) => mail.subject)).toEqual(["Mail 3", "Mail 4", "Mail 5"]);
      const listed = (await (await fetch(`${small.endpoint}/outbox`)).json()) as OutboxMail[];
      expect(listed.map((mail) => mail.messageId)).toEqual(ids.slice(2));
      const files = readdirSync(folder);
      expect(files).toHaveLength(5);
      for (const id of ids) expect(files.some((file) => file.includes(id))).toBe(true);
    } finally {
      sender.destroy();
      await small.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it("refuses malformed requests as SES does: 400 BadRequestException with a message", async () => {
    const before = ses.outbox().length;
    // Deliberately malformed: no sender, no recipient, no body, raw content, too many recipients.
    const attempts: object[] = [
      { Destination: { ToAddresses: ["ada@example.com"] }, Content: { Simple: { Subject: { Data: "s" }, Body: { Text: { Data: "t" } } } } },
      { FromEmailAddress: "orders@example.com", Content: { Simple: { Subject: { Data: "s" }, Body: { Text: { Data: "t" } } } } },
      { FromEmailAddress: "orders@example.com", Destination: { ToAddresses: ["ada@example.com"] }, Content: { Simple: { Subject: { Data: "s" } } } },
      { FromEmailAddress: "orders@example.com", Destination: { ToAddresses: ["ada@example.com"] }, Content: { Raw: { Data: new Uint8Array([1]) } } },
      {
        FromEmailAddress: "orders@example.com",
        Destination: { ToAddresses: Array.from({ length: 51 }, (_, index) => `user${index}@example.com`) },
        Content: { Simple: { Subject: { Data: "s" }, Body: { Text: { Data: "t" } } } },
      },
    ];
    for (const input of attempts) {
      const error = await client.send(new SendEmailCommand(input as unknown as SendEmailCommandInput)).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ name: "BadRequestException", $metadata: { httpStatusCode: 400 } });
      expect((error as Error).message).not.toBe("");
    }

    const invalidJson = await fetch(`${ses.endpoint}/v2/email/outbound-emails`, { method: "POST", body: "{" });
    expect(invalidJson.status).toBe(400);
    expect(invalidJson.headers.get("x-amzn-errortype")).toBe("BadRequestException");
    expect(await invalidJson.json()).toEqual({ message: expect.any(String) });
    expect(ses.outbox()).toHaveLength(before);
  });
});
