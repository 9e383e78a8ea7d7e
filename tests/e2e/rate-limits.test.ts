import { describe, expect, it } from "vitest";
import { get } from "../support/http";
import { newUser } from "../support/users";
import { createKey } from "../support/keys";

const ordersWith = (secret: string) => get("/partner/orders?status=PENDING&limit=1", { headers: { "x-api-key": secret } });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("rate limits and quotas", () => {
  it("refuses a burst beyond the bucket with 429 and RateLimit headers, then admits again after Retry-After", async () => {
    const key = await createKey(["orders:read"], { rate: 1, burst: 5 });
    const responses = [];
    for (let i = 0; i < 8; i++) responses.push(await ordersWith(key.secret));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
    expect(responses.slice(0, 5).map((r) => Number(r.headers.get("ratelimit-remaining")))).toEqual([4, 3, 2, 1, 0]);
    for (const response of responses) expect(response.headers.get("ratelimit-limit")).toBe("5");

    const refused = responses[5]!;
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    expect(refused.body).toMatchObject({ status: 429, title: "Too many requests" });
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(2);
    expect(refused.headers.get("ratelimit-remaining")).toBe("0");
    expect(Number(refused.headers.get("ratelimit-reset"))).toBeGreaterThanOrEqual(retryAfter);

    // A sleep on purpose: the claim is about time (admitted once the announced Retry-After has passed), not about an event to wait for.
    await sleep(retryAfter * 1000);
    expect((await ordersWith(key.secret)).status).toBe(200);
  });

  it("keeps 20 concurrent clients on one key within rate × time + burst (measured)", async () => {
    const rate = 10;
    const burst = 10;
    const key = await createKey(["orders:read"], { rate, burst, daily: 100_000 });
    const started = Date.now();
    const deadline = started + 3_000;
    let admitted = 0;
    let refused = 0;
    const other: number[] = [];
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        for (let i = 0; i < 500 && Date.now() < deadline; i++) {
          const response = await ordersWith(key.secret);
          if (response.status === 200) admitted++;
          else if (response.status === 429) refused++;
          else other.push(response.status);
        }
      }),
    );
    const elapsedSeconds = (Date.now() - started) / 1000;
    const ceiling = burst + rate * elapsedSeconds;
    console.log(`rate limit under contention: ${admitted} admitted, ${refused} refused in ${elapsedSeconds.toFixed(2)} s; ceiling ${ceiling.toFixed(1)}`);
    expect(other).toEqual([]);
    expect(refused).toBeGreaterThan(0);
    expect(admitted).toBeLessThanOrEqual(ceiling);
    // The limiter admits what it should, not just less: at least the burst plus half the rate.
    expect(admitted).toBeGreaterThanOrEqual(burst + (rate * elapsedSeconds) / 2);
  });

  it("enforces the daily quota until midnight UTC", async () => {
    const key = await createKey(["orders:read"], { rate: 100, burst: 100, daily: 3 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push(await ordersWith(key.secret));
    expect(statuses.map((r) => r.status)).toEqual([200, 200, 200, 429]);
    const refused = statuses[3]!;
    expect(refused.body.detail).toMatch(/daily quota of 3/);
    const now = new Date();
    const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
    expect(Math.abs(Number(refused.headers.get("retry-after")) - (midnight - now.getTime()) / 1000)).toBeLessThan(5);
  });

  it("limits signed-in users per user, with the seed's defaults", async () => {
    const user = await newUser();
    const response = await get("/me", { token: user.accessToken });
    expect(response.status).toBe(200);
    expect(response.headers.get("ratelimit-limit")).toBe("100");
    expect(response.headers.get("ratelimit-remaining")).toBe("99");
  });
});
