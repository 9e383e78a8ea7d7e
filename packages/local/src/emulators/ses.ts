import { randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { join } from "node:path";
import { listenOnLoopback } from "./ports";
import { readBody } from "../http/body";

export interface SesOptions {
  /** 0 picks a free one. */
  port: number;
  /** When given, every mail is also written there as a readable `.eml` file. */
  outboxDir?: string;
  /** How many of the most recent mails the outbox keeps in memory (and lists); default 1,000. */
  keep?: number;
  log: (line: string) => void;
}

export interface OutboxMail {
  messageId: string;
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  text?: string;
  html?: string;
  /** ISO 8601. */
  receivedAt: string;
}

export interface SesEndpoint {
  endpoint: string;
  /** The most recent mails (at most `keep`), oldest first; `outboxDir` has every one. */
  outbox(): OutboxMail[];
  close(): Promise<void>;
}

/** Thrown for a request SES would refuse; becomes a 400 `BadRequestException`. */
class BadRequest extends Error {}

/** SES's limit on recipients (To, Cc and Bcc together) per message. */
const MAX_RECIPIENTS = 50;

/**
 * A long `bun dev` session sends mails without end (two per order); held in memory, every one
 * of them would grow the stack's process for as long as it runs. The files keep them all.
 */
const KEPT_IN_MEMORY = 1_000;

/**
 * A local Amazon SES v2 for the one call the app makes, `SendEmail` with simple content
 * (REST JSON, `POST /v2/email/outbound-emails`). Nothing is delivered: mails go to an outbox,
 * readable at `GET /outbox` on the same server (JSON: the most recent `keep`) and, with
 * `outboxDir`, as files (every one).
 */
export async function startSes({ port, outboxDir, keep = KEPT_IN_MEMORY, log }: SesOptions): Promise<SesEndpoint> {
  if (outboxDir) mkdirSync(outboxDir, { recursive: true });
  const mails: OutboxMail[] = [];
  const accept = (mail: OutboxMail) => {
    mails.push(mail);
    if (mails.length > keep) mails.splice(0, mails.length - keep);
    const file = outboxDir ? join(outboxDir, emlFileName(mail)) : undefined;
    if (file) writeFileSync(file, toEml(mail));
    log(`mail "${mail.subject}" from ${mail.from} to ${[...mail.to, ...mail.cc, ...mail.bcc].join(", ")}${file ? ` → ${file}` : ""}`);
  };
  const server = createServer((request, response) => {
    serve(request, response, accept, () => mails).catch((error: unknown) => {
      log(`SES request failed: ${(error as Error).stack ?? String(error)}`);
      if (!response.headersSent) sendError(response, 500, "InternalFailure", "The local SES endpoint failed");
    });
  });
  const listening = await listenOnLoopback(server, port);
  return { endpoint: listening.url, outbox: () => [...mails], close: () => listening.close() };
}

async function serve(
  request: IncomingMessage,
  response: ServerResponse,
  accept: (mail: OutboxMail) => void,
  outbox: () => OutboxMail[],
): Promise<void> {
  const path = new URL(request.url ?? "/", "http://local").pathname;
  const body = (await readBody(request)).toString("utf8");
  if (request.method === "GET" && path === "/outbox") return sendJson(response, 200, outbox());
  if (request.method !== "POST" || path !== "/v2/email/outbound-emails") {
    return sendError(response, 404, "NotFoundException", `The local SES endpoint serves SendEmail only, not ${request.method} ${path}`);
  }
  try {
    const mail = parseSendEmail(body);
    accept(mail);
    sendJson(response, 200, { MessageId: mail.messageId });
  } catch (error) {
    if (!(error instanceof BadRequest)) throw error;
    sendError(response, 400, "BadRequestException", error.message);
  }
}

/** Validates a SendEmail request body as SES does, as far as the outbox needs it. */
function parseSendEmail(body: string): OutboxMail {
  let request: unknown;
  try {
    request = JSON.parse(body);
  } catch {
    throw new BadRequest("The request body is not valid JSON");
  }
  const from = field(request, "FromEmailAddress");
  if (typeof from !== "string" || !from.includes("@")) throw new BadRequest("FromEmailAddress must be an e-mail address");
  const destination = field(request, "Destination");
  const to = addresses(destination, "ToAddresses");
  const cc = addresses(destination, "CcAddresses");
  const bcc = addresses(destination, "BccAddresses");
  const recipients = to.length + cc.length + bcc.length;
  if (recipients === 0) throw new BadRequest("Destination must have at least one recipient");
  if (recipients > MAX_RECIPIENTS) throw new BadRequest(`Recipient count exceeds ${MAX_RECIPIENTS}`);
  const content = field(request, "Content");
  const simple = field(content, "Simple");
  if (simple === undefined) {
    throw new BadRequest("Content must be Simple: the local SES endpoint does not render Raw or Template content");
  }
  const subject = field(field(simple, "Subject"), "Data");
  if (typeof subject !== "string") throw new BadRequest("Content.Simple.Subject.Data is required");
  const text = field(field(field(simple, "Body"), "Text"), "Data");
  const html = field(field(field(simple, "Body"), "Html"), "Data");
  if (typeof text !== "string" && typeof html !== "string") throw new BadRequest("Content.Simple.Body needs Text or Html");
  return {
    messageId: randomUUID(),
    from,
    to,
    cc,
    bcc,
    subject,
    ...(typeof text === "string" ? { text } : {}),
    ...(typeof html === "string" ? { html } : {}),
    receivedAt: new Date().toISOString(),
  };
}

function field(value: unknown, name: string): unknown {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

function addresses(destination: unknown, name: string): string[] {
  const list = field(destination, name) ?? [];
  if (!Array.isArray(list) || !list.every((address) => typeof address === "string" && address.includes("@"))) {
    throw new BadRequest(`Destination.${name} must be a list of e-mail addresses`);
  }
  return list as string[];
}

/** Sorts by time in a folder listing; the id keeps names unique. */
function emlFileName(mail: OutboxMail): string {
  return `${mail.receivedAt.replace(/[:.]/g, "-")}-${mail.messageId}.eml`;
}

/**
 * The mail as a MIME message (UTF-8 headers, 8-bit bodies) that a text editor or a mail client
 * can open. Bcc is kept, unlike on the wire, since this is the sender's copy.
 */
function toEml(mail: OutboxMail): string {
  // A line break in a header value would end the header and start a forged one.
  const header = (name: string, value: string) => `${name}: ${value.replace(/[\r\n]+/g, " ")}`;
  const headers = [
    header("Message-ID", `<${mail.messageId}@ses.local>`),
    header("Date", new Date(mail.receivedAt).toUTCString()),
    header("From", mail.from),
    ...(mail.to.length ? [header("To", mail.to.join(", "))] : []),
    ...(mail.cc.length ? [header("Cc", mail.cc.join(", "))] : []),
    ...(mail.bcc.length ? [header("Bcc", mail.bcc.join(", "))] : []),
    header("Subject", mail.subject),
    "MIME-Version: 1.0",
  ];
  const part = (type: string, content: string) =>
    [`Content-Type: ${type}; charset=UTF-8`, "Content-Transfer-Encoding: 8bit", "", content].join("\r\n");
  const parts = [
    ...(mail.text !== undefined ? [part("text/plain", mail.text)] : []),
    ...(mail.html !== undefined ? [part("text/html", mail.html)] : []),
  ];
  if (parts.length === 1) return [...headers, parts[0], ""].join("\r\n");
  const boundary = `=_${mail.messageId}`;
  return [
    ...headers,
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    "",
    ...parts.flatMap((content) => [`--${boundary}`, content]),
    `--${boundary}--`,
    "",
  ].join("\r\n");
}

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { "content-type": "application/json", "x-amzn-RequestId": randomUUID(), ...headers });
  response.end(JSON.stringify(body));
}

/** The REST JSON error shape the SDK reads: the type in `x-amzn-ErrorType`, the text in `message`. */
function sendError(response: ServerResponse, status: number, type: string, message: string): void {
  sendJson(response, status, { message }, { "x-amzn-ErrorType": type });
}
