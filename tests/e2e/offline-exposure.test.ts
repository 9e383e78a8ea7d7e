import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { AdminCreateUserCommand, AdminGetUserCommand } from "@aws-sdk/client-cognito-identity-provider";
import { describe, expect, inject, it } from "vitest";
import { newCredentials, signedInvocation } from "@emporium/local/lambda-api";
import { get } from "../support/http";
import { adminToken, cognito } from "../support/users";
import { offlineOnly } from "../support/target";
import { LOCAL_REGION } from "../../packages/local/src/local-account";

/**
 * The offline runtime exposes nothing: its Lambda API runs functions only for requests signed
 * with the run's own credentials (a web page in the developer's browser can POST to any
 * loopback port), and every listener it opens is on loopback, DynamoDB Local excepted.
 */
const stack = () => inject("stack");

/** A user in the pool that never confirmed through the API: no group, no profile yet. */
async function unconfirmedUser() {
  const email = `forged-${randomUUID()}@example.com`;
  const client = cognito();
  await client.send(new AdminCreateUserCommand({ UserPoolId: stack().userPoolId, Username: email, MessageAction: "SUPPRESS", UserAttributes: [{ Name: "email", Value: email }] }));
  const { UserAttributes } = await client.send(new AdminGetUserCommand({ UserPoolId: stack().userPoolId, Username: email }));
  client.destroy();
  const sub = UserAttributes!.find((attribute) => attribute.Name === "sub")!.Value!;
  // What Cognito sends the trigger on confirmation: run, it makes the user a customer with a profile.
  const event = {
    version: "1",
    region: LOCAL_REGION,
    userPoolId: stack().userPoolId,
    userName: email,
    callerContext: { awsSdkVersion: "aws-sdk-unknown-unknown", clientId: stack().clientId },
    triggerSource: "PostConfirmation_ConfirmSignUp",
    request: { userAttributes: { sub, email, name: "Forged" } },
    response: {},
  };
  return { sub, event };
}

const invocationsUrl = (name: string) => `${stack().endpoints.lambda}/2015-03-31/functions/${name}/invocations`;

async function profileStatus(sub: string) {
  return (await get(`/users/${sub}`, { token: await adminToken() })).status;
}

describe("the local Lambda API", offlineOnly, () => {
  it("refuses an unsigned cross-origin-style POST (text/plain, no preflight) with 403, and the function never runs", async () => {
    const { sub, event } = await unconfirmedUser();
    const response = await fetch(invocationsUrl("PostConfirmation"), {
      method: "POST",
      headers: { "content-type": "text/plain", origin: "https://evil.example" },
      body: JSON.stringify(event),
    });
    expect(response.status).toBe(403);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    expect(await profileStatus(sub)).toBe(404);
  });

  it("refuses requests signed with other credentials, or whose body was changed after signing", async () => {
    const { sub, event } = await unconfirmedUser();
    const stranger = await signedInvocation(stack().endpoints.lambda, "PostConfirmation", event, newCredentials());
    expect((await fetch(stranger.url, stranger.init)).status).toBe(403);
    // The run's access key id with a guessed secret.
    const guessed = await signedInvocation(stack().endpoints.lambda, "PostConfirmation", event, { ...stack().lambdaCredentials, secretAccessKey: "local" });
    expect((await fetch(guessed.url, guessed.init)).status).toBe(403);
    // A genuine signature on another body.
    const genuine = await signedInvocation(stack().endpoints.lambda, "PostConfirmation", { ...event, userName: "someone-else@example.com" }, stack().lambdaCredentials);
    expect((await fetch(genuine.url, { ...genuine.init, body: JSON.stringify(event) })).status).toBe(403);
    expect(await profileStatus(sub)).toBe(404);

    // The same event signed with the run's credentials runs: the refusals above were the signature's.
    const signed = await signedInvocation(stack().endpoints.lambda, "PostConfirmation", event, stack().lambdaCredentials);
    const response = await fetch(signed.url, signed.init);
    expect(response.status).toBe(200);
    expect(response.headers.get("x-amz-function-error")).toBeNull();
    expect(await profileStatus(sub)).toBe(200);
  });

  it("still serves cognito-local's trigger invocations, which it signs with the run's credentials", async () => {
    // Sign-up and confirmation through the API run PostConfirmation via cognito-local: covered
    // end to end by accounts.test.ts; here, the config cognito-local reads carries them.
    const config = JSON.parse(readFileSync(`${stack().cognitoDatabase.split("/.cognito/")[0]}/.cognito/config.json`, "utf8"));
    expect(config.LambdaClient.credentials).toEqual(stack().lambdaCredentials);
    expect(config.LambdaClient.credentials.secretAccessKey).not.toBe("local");
  });
});

/** Listening TCP sockets by inode: local address and port, from /proc/net/tcp and tcp6. */
function listeningSockets(): Map<string, { address: string; port: number }> {
  const sockets = new Map<string, { address: string; port: number }>();
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    for (const line of readFileSync(file, "utf8").trim().split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      const [hexAddress, hexPort] = fields[1]!.split(":") as [string, string];
      if (fields[3] !== "0A") continue; // LISTEN
      sockets.set(fields[9]!, { address: decodeAddress(hexAddress), port: parseInt(hexPort, 16) });
    }
  }
  return sockets;
}

/** /proc/net's addresses: IPv4 as one little-endian word, IPv6 as four. */
function decodeAddress(hex: string): string {
  const words = hex.match(/.{8}/g)!.map((word) => word.match(/../g)!.reverse().map((byte) => parseInt(byte, 16)));
  if (words.length === 1) return words[0]!.join(".");
  const bytes = words.flat();
  if (bytes.slice(0, 10).every((byte) => byte === 0) && bytes[10] === 255 && bytes[11] === 255) return `::ffff:${bytes.slice(12).join(".")}`;
  if (bytes.every((byte) => byte === 0)) return "::";
  if (bytes.slice(0, 15).every((byte) => byte === 0) && bytes[15] === 1) return "::1";
  return bytes.map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** Socket inodes a process holds open. */
function socketInodes(pid: number): string[] {
  try {
    return readdirSync(`/proc/${pid}/fd`).flatMap((fd) => {
      try {
        return [/^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1]].filter((inode): inode is string => !!inode);
      } catch {
        return [];
      }
    });
  } catch {
    return []; // gone meanwhile
  }
}

/** `root` and every process descended from it. */
function processTree(root: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  const tree = [root];
  for (let index = 0; index < tree.length && index < 10_000; index++) tree.push(...(parents.get(tree[index]!) ?? []));
  return tree;
}

describe("the offline runtime's listeners", offlineOnly, () => {
  it("all bind to loopback, except DynamoDB Local, which the runtime warns about", () => {
    const sockets = listeningSockets();
    const portOf = (url: string) => Number(new URL(url).port);
    const apiPort = portOf(stack().apiUrl);
    // The stack runs in the process that listens on the API's port; its emulators are its children.
    const owner = readdirSync("/proc")
      .filter((entry) => /^\d+$/.test(entry))
      .map(Number)
      .find((pid) => socketInodes(pid).some((inode) => sockets.get(inode)?.port === apiPort));
    expect(owner, "the process serving the API").toBeDefined();
    const listeners = processTree(owner!).flatMap((pid) => socketInodes(pid).flatMap((inode) => (sockets.has(inode) ? [{ pid, ...sockets.get(inode)! }] : [])));

    const { endpoints } = stack();
    const named = { api: stack().apiUrl, web: stack().webUrl, lambda: endpoints.lambda, cognito: endpoints.cognito, ses: endpoints.ses, fauxqs: endpoints.messaging, kinesis: endpoints.kinesis, dynamodb: endpoints.dynamodb };
    // Every listener the runtime is known to open is among those found: the list is complete.
    for (const [name, url] of Object.entries(named)) expect(listeners.map((listener) => listener.port), name).toContain(portOf(url));

    const dynamoPort = portOf(endpoints.dynamodb);
    // Should a later DynamoDB Local bind loopback only, this fails: drop the warning then.
    expect(listeners.filter((listener) => listener.port === dynamoPort).map((listener) => listener.address)).toEqual(expect.arrayContaining([expect.stringMatching(/^(0\.0\.0\.0|::)$/)]));
    const exposed = listeners.filter((listener) => listener.port !== dynamoPort && listener.address !== "127.0.0.1");
    expect(exposed).toEqual([]);

    // The documented exception: DynamoDB Local's Jetty binds every interface; one clear warning line.
    const warnings = readFileSync(stack().logFile, "utf8").split("\n").filter((line) => line.includes("DynamoDB Local listens on every network interface"));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(String(dynamoPort));
  });
});
