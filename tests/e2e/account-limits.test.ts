import { randomUUID } from "node:crypto";
import { request as httpRequest } from "node:http";
import { describe, expect, inject, it } from "vitest";
import { attemptLimits } from "@emporium/core/identity";
import { edgeHeaders } from "@emporium/functions/manifest";
import { conformance } from "../support/openapi";
import { latestCode } from "../support/mailbox";
import { newUser } from "../support/users";
import { offlineOnly } from "../support/target";

/**
 * The account flows' own limits (packages/core/src/identity/attempts.ts), over HTTP. Each test
 * calls from loopback addresses of its own (127.0.1.x; Linux routes all of 127/8 to loopback),
 * as distinct clients would: the gateway knows a client by its connection's peer address, and
 * the other test files, all on 127.0.0.1, keep their per-IP allowance.
 */
const stack = () => inject("stack");
const ipScale = () => Number(stack().environment.AUTH_IP_LIMIT_SCALE);
const password = "Correct-Horse-9-Battery";
const freshEmail = () => `limited-${randomUUID()}@example.com`;

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

/**
 * POSTs JSON from the loopback address `sourceIp`: to the gateway, or with `via: "web"` to the
 * web app's origin (`/api` + path), whose proxy stands in for the deployed router.
 */
function postFrom(sourceIp: string, path: string, json: unknown, headers: Record<string, string> = {}, via: "api" | "web" = "api"): Promise<Reply> {
  const url = via === "web" ? new URL(`/api${path}`, stack().webUrl) : new URL(path, stack().apiUrl);
  const payload = JSON.stringify(json);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: "POST", localAddress: sourceIp, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(payload), ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString();
          const type = String(res.headers["content-type"] ?? "");
          // Every answer, 429s included, is one the OpenAPI document describes.
          expect(conformance("POST", new URL(path, stack().apiUrl).toString(), res.statusCode!, type, text)).toBeUndefined();
          resolve({ status: res.statusCode!, headers: res.headers, body: type.includes("json") && text ? JSON.parse(text) : text });
        });
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

function expectTooMany(reply: Reply, limit: number) {
  expect(reply.status).toBe(429);
  expect(reply.headers["content-type"]).toMatch(/^application\/problem\+json/);
  expect(reply.body).toMatchObject({ status: 429, title: "Too many requests" });
  const retryAfter = Number(reply.headers["retry-after"]);
  expect(Number.isInteger(retryAfter) && retryAfter >= 1).toBe(true);
  expect(reply.headers["ratelimit-limit"]).toBe(String(limit));
  expect(reply.headers["ratelimit-remaining"]).toBe("0");
  return retryAfter;
}

/** Sends `count` requests, `width` at a time (bounded). */
async function burst(count: number, width: number, send: (index: number) => Promise<Reply>): Promise<Reply[]> {
  const replies: Reply[] = [];
  for (let start = 0; start < count; start += width) {
    replies.push(...(await Promise.all(Array.from({ length: Math.min(width, count - start) }, (_, offset) => send(start + offset)))));
  }
  return replies;
}

const wrongCodeFor = (code: string) => (code === "123456" ? "654321" : "123456");

describe("account flow limits", offlineOnly, () => {
  it("guessing a sign-up code stops after 5 tries per address, then even the right code is refused, from any IP", async () => {
    const limit = attemptLimits.confirmSignUp.perAddress!.burst;
    expect(limit).toBe(5);
    const email = freshEmail();
    expect((await postFrom("127.0.1.1", "/auth/signup", { email, password })).status).toBe(202);
    const code = latestCode(email);
    for (let attempt = 1; attempt <= limit; attempt++) {
      const guess = await postFrom("127.0.1.1", "/auth/confirm", { email, code: wrongCodeFor(code) });
      expect(guess.status).toBe(422);
      expect(guess.headers["ratelimit-remaining"]).toBe(String(limit - attempt));
    }
    const retryAfter = expectTooMany(await postFrom("127.0.1.1", "/auth/confirm", { email, code }), limit);
    // One attempt comes back every 15 min / 5 = 3 min.
    expect(retryAfter).toBeGreaterThan(60);
    expect(retryAfter).toBeLessThanOrEqual(180);
    // Another network address changes nothing: the limit is the address's.
    expectTooMany(await postFrom("127.0.1.2", "/auth/confirm", { email, code }), limit);
    // Not confirmed: the guard refused before the pool was asked.
    expect((await postFrom("127.0.1.2", "/auth/login", { email, password })).status).toBe(403);
  });

  it("guessing a password-reset code stops after 5 tries per address and the password stays unchanged", async () => {
    const user = await newUser();
    expect((await postFrom("127.0.1.3", "/auth/forgot-password", { email: user.email })).status).toBe(202);
    const code = latestCode(user.email);
    const reset = (candidate: string, ip = "127.0.1.3") => postFrom(ip, "/auth/confirm-forgot-password", { email: user.email, code: candidate, password: "Taken-Over-Passw0rd!" });
    for (let attempt = 0; attempt < 5; attempt++) expect((await reset(wrongCodeFor(code))).status).toBe(422);
    expectTooMany(await reset(code), 5);
    expectTooMany(await reset(code, "127.0.1.4"), 5);
    expect((await postFrom("127.0.1.4", "/auth/login", { email: user.email, password: "Taken-Over-Passw0rd!" })).status).toBe(401);
    expect((await postFrom("127.0.1.4", "/auth/login", { email: user.email, password: user.password })).status).toBe(200);
  });

  it("password guessing stops after 10 tries per address per minute, then even the right password is refused", async () => {
    const limit = attemptLimits.logIn.perAddress!.burst;
    expect(limit).toBe(10);
    const user = await newUser();
    for (let attempt = 1; attempt <= limit; attempt++) {
      const guess = await postFrom("127.0.1.5", "/auth/login", { email: user.email, password: `Wrong-${attempt}-Passw0rd!` });
      expect(guess.status).toBe(401);
      // The tightest limit is reported: the address's, not the general API's 100.
      expect(guess.headers["ratelimit-limit"]).toBe(String(limit));
    }
    const retryAfter = expectTooMany(await postFrom("127.0.1.5", "/auth/login", { email: user.email, password: user.password }), limit);
    expect(retryAfter).toBeLessThanOrEqual(6); // one attempt back every 6 s
    expectTooMany(await postFrom("127.0.1.6", "/auth/login", { email: user.email, password: user.password }), limit);
    // Another account from the same address is not affected by this account's limit.
    const other = await newUser();
    expect((await postFrom("127.0.1.5", "/auth/login", { email: other.email, password: other.password })).status).toBe(200);
  });

  it("one network address is stopped by its own limit whatever addresses it tries; X-Forwarded-For does not escape it", async () => {
    const limit = attemptLimits.forgotPassword.perIp.burst * ipScale();
    const ip = "127.0.1.7";
    const replies = await burst(limit, 10, () => postFrom(ip, "/auth/forgot-password", { email: freshEmail() }));
    expect(replies.map((reply) => reply.status)).toEqual(replies.map(() => 202));
    // A new address each time: only the IP's limit can refuse this one.
    expectTooMany(await postFrom(ip, "/auth/forgot-password", { email: freshEmail() }), limit);
    // The client's own claims about its address are not believed: the gateway uses the peer.
    expectTooMany(await postFrom(ip, "/auth/forgot-password", { email: freshEmail() }, { "x-forwarded-for": "203.0.113.9" }), limit);
    expect((await postFrom("127.0.1.8", "/auth/forgot-password", { email: freshEmail() })).status).toBe(202);
  });

  it("through the web app's origin each viewer has its own per-IP limit, and a caller of the API's URL cannot claim another's", async () => {
    // Deployed, the router (CloudFront) reaches the API from its own addresses and vouches for the
    // viewer's with the stage's edge secret; offline the web origin's proxy does the same.
    const limit = attemptLimits.forgotPassword.perIp.burst * ipScale();
    const forgot = (ip: string, via: "api" | "web", headers: Record<string, string> = {}) => postFrom(ip, "/auth/forgot-password", { email: freshEmail() }, headers, via);
    const replies = await burst(limit, 10, () => forgot("127.0.2.1", "web"));
    expect(replies.map((reply) => reply.status)).toEqual(replies.map(() => 202));
    expectTooMany(await forgot("127.0.2.1", "web"), limit);
    // Another viewer of the same origin (the same proxy, the same connection to the API) is not refused.
    expect((await forgot("127.0.2.2", "web")).status).toBe(202);
    // On the API's own URL the router's headers without its secret are not believed, either way:
    const claim = (viewer: string) => ({ [edgeHeaders.viewerAddress]: viewer, [edgeHeaders.secret]: "guessed" });
    expectTooMany(await forgot("127.0.2.1", "api", claim("127.0.2.9")), limit); // the spent address cannot claim a fresh one,
    expect((await forgot("127.0.2.3", "api", claim("127.0.2.1"))).status).toBe(202); // nor is a fresh one counted as the spent one.
  });

  it("refresh is limited per refresh token (10 a minute), in the body as in the cookie", async () => {
    const limit = attemptLimits.refresh.perToken!.burst;
    const user = await newUser();
    for (let attempt = 0; attempt < limit; attempt++) {
      expect((await postFrom("127.0.1.9", "/auth/refresh", { refreshToken: user.refreshToken })).status).toBe(200);
    }
    expectTooMany(await postFrom("127.0.1.9", "/auth/refresh", { refreshToken: user.refreshToken }), limit);
    expectTooMany(await postFrom("127.0.1.10", "/auth/refresh", { session: "cookie" }, { cookie: `emporium_refresh=${user.refreshToken}` }), limit);
    const forged = `forged-${randomUUID()}`;
    for (let attempt = 0; attempt < limit; attempt++) expect((await postFrom("127.0.1.9", "/auth/refresh", { refreshToken: forged })).status).toBe(401);
    expectTooMany(await postFrom("127.0.1.9", "/auth/refresh", { refreshToken: forged }), limit);
  });

  it("every account flow is limited per address or token and per IP, all far below the general API", () => {
    expect(Object.keys(attemptLimits).length).toBeGreaterThan(0);
    for (const [flow, limits] of Object.entries(attemptLimits)) {
      for (const bucket of [limits.perAddress, limits.perToken, limits.perIp]) {
        if (!bucket) continue;
        // Far below the general API's 50/s, burst 100.
        expect(bucket.burst, flow).toBeLessThanOrEqual(60);
        expect(bucket.rate, flow).toBeLessThanOrEqual(1);
        expect(bucket.daily, flow).toBeGreaterThanOrEqual(bucket.burst);
      }
      expect(limits.perAddress ?? limits.perToken, flow).toBeDefined();
    }
  });
});
