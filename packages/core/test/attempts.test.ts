/**
 * The account flows' attempt limits (../src/identity/attempts.ts) against the real table: each
 * flow is limited per source IP and per account (address or refresh token), an address counts
 * however it is spelled, and the decision names the limit that refused or is closest to it.
 */
import { randomUUID } from "node:crypto";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { attemptLimits, scaled, spendAttempt } from "../src/identity/attempts";
import { emailSchema, passwordSchema } from "../src/identity/policy";

const ip = () => `198.51.100.${randomUUID()}`;
const email = () => `Test.${randomUUID()}@Example.com`;

describe("account flow attempts", () => {
  // Flows whose buckets refill slowly (one attempt in minutes), so no test depends on how fast it runs.
  it("allows five code guesses per account from any number of addresses, then refuses the account", async () => {
    const address = email();
    for (let i = 0; i < 5; i++) {
      const decision = await spendAttempt("confirmSignUp", { ip: ip(), email: address });
      expect(decision).toMatchObject({ allowed: true, scope: "address", remaining: 4 - i });
    }
    // However the address is spelled, it is the same account.
    const refused = await spendAttempt("confirmSignUp", { ip: ip(), email: `  ${address.toUpperCase()} ` });
    expect(refused).toMatchObject({ allowed: false, reason: "rate", scope: "address", limits: attemptLimits.confirmSignUp.perAddress });
    expect(refused.retryAfterSeconds).toBeGreaterThan(150); // one guess comes back every 3 minutes
    // Another account is not affected.
    expect(await spendAttempt("confirmSignUp", { ip: ip(), email: email() })).toMatchObject({ allowed: true });
  });

  it("limits one source address over many accounts, scaled by the stage's factor", async () => {
    const source = ip();
    for (let i = 0; i < 20; i++) expect(await spendAttempt("signUp", { ip: source, email: email() }), `attempt ${i}`).toMatchObject({ allowed: true });
    expect(await spendAttempt("signUp", { ip: source, email: email() })).toMatchObject({ allowed: false, scope: "ip", limit: 20 });

    const shared = ip();
    for (let i = 0; i < 40; i++) await spendAttempt("signUp", { ip: shared, email: email() }, 2);
    expect(await spendAttempt("signUp", { ip: shared, email: email() }, 2)).toMatchObject({ allowed: false, scope: "ip", limit: 40 });
  });

  it("limits refreshes per token, and counts a flow without an account key per address only", async () => {
    const token = `refresh-${randomUUID()}`;
    for (let i = 0; i < 10; i++) expect(await spendAttempt("refresh", { ip: ip(), refreshToken: token })).toMatchObject({ allowed: true, scope: "token" });
    expect(await spendAttempt("refresh", { ip: ip(), refreshToken: token })).toMatchObject({ allowed: false, scope: "token" });
    // An e-mail is not a key of the refresh flow, nor a token of the log-in flow.
    expect(await spendAttempt("refresh", { ip: ip(), email: email() })).toMatchObject({ allowed: true, scope: "ip", limit: 60 });
    expect(await spendAttempt("logIn", { ip: ip(), refreshToken: token })).toMatchObject({ allowed: true, scope: "ip", limit: 30 });
  });

  it("names the refusing limit while another still allows, and of two refusing the one that frees up last", async () => {
    // Per IP scaled to 6 guesses, one back every 150 s; per address 5, one back every 180 s.
    const keys = { ip: ip(), email: email() };
    for (let i = 0; i < 5; i++) expect(await spendAttempt("confirmSignUp", keys, 0.2)).toMatchObject({ allowed: true });
    // The IP bucket takes its sixth (none left), the address bucket refuses: the refusal decides.
    expect(await spendAttempt("confirmSignUp", keys, 0.2)).toMatchObject({ allowed: false, scope: "address", remaining: 0 });
    // Both refuse now: the IP's next guess comes back in at most 150 s, the address's in about 180 s.
    const both = await spendAttempt("confirmSignUp", keys, 0.2);
    expect(both).toMatchObject({ allowed: false, scope: "address", limits: attemptLimits.confirmSignUp.perAddress });
    expect(both.retryAfterSeconds).toBeGreaterThan(150);
  });

  it("names the IP limit when it is the closer one, and when it frees up last", async () => {
    // Sign-ups: per IP scaled to 2, one back every 1800 s; per address 3, one back every 1200 s.
    const keys = { ip: ip(), email: email() };
    expect(await spendAttempt("signUp", keys, 0.1)).toMatchObject({ allowed: true, scope: "ip", remaining: 1 });
    expect(await spendAttempt("signUp", keys, 0.1)).toMatchObject({ allowed: true, scope: "ip", remaining: 0 });
    expect(await spendAttempt("signUp", keys, 0.1)).toMatchObject({ allowed: false, scope: "ip" });
    // Both refuse now (the address took the third): the IP's comes back in about 1800 s, the address's in about 1200 s.
    const both = await spendAttempt("signUp", keys, 0.1);
    expect(both).toMatchObject({ allowed: false, scope: "ip" });
    expect(both.retryAfterSeconds).toBeGreaterThan(1_200);
  });

  it("keeps addresses apart that differ only where upper-casing would merge them", async () => {
    const id = randomUUID();
    // "ß" upper-cases to "SS", so only lower-casing keeps these two accounts apart.
    for (let i = 0; i < 5; i++) await spendAttempt("confirmSignUp", { ip: ip(), email: `straße.${id}@example.com` });
    expect(await spendAttempt("confirmSignUp", { ip: ip(), email: `straße.${id}@example.com` })).toMatchObject({ allowed: false, scope: "address" });
    expect(await spendAttempt("confirmSignUp", { ip: ip(), email: `strasse.${id}@example.com` })).toMatchObject({ allowed: true, scope: "address", remaining: 4 });
  });

  it("limits every flow per account as well as per IP, the per-account limits the tighter", () => {
    for (const [flow, limits] of Object.entries(attemptLimits)) {
      const account = limits.perAddress ?? limits.perToken;
      expect(account, flow).toBeDefined();
      expect(account!.burst, flow).toBeLessThan(limits.perIp.burst);
      expect(account!.daily, flow).toBeLessThan(limits.perIp.daily);
    }
    expect(attemptLimits.confirmSignUp.perAddress).toEqual({ rate: 5 / 900, burst: 5, daily: 20 });
    expect(attemptLimits.signUp.perAddress).toEqual({ rate: 3 / 3600, burst: 3, daily: 10 });
  });

  it("scales rate, burst and daily quota, rounding counts to whole requests", () => {
    expect(scaled({ rate: 0.5, burst: 3, daily: 10 }, 1.5)).toEqual({ rate: 0.75, burst: 5, daily: 15 });
    expect(scaled({ rate: 1, burst: 3, daily: 7 }, 0.5)).toEqual({ rate: 0.5, burst: 2, daily: 4 });
  });
});

describe("identity policy", () => {
  it("takes a password of twelve characters with upper and lower case, a digit and a symbol, and names what is missing", () => {
    expect(v.is(passwordSchema, "Abcdefghij1!")).toBe(true);
    const why = (password: string) => v.safeParse(passwordSchema, password, { abortPipeEarly: true }).issues?.[0]?.message;
    expect(why("Abcdefghi1!")).toBe("must be at least 12 characters");
    expect(why("abcdefghij1!")).toBe("must contain an upper-case letter");
    expect(why("ABCDEFGHIJ1!")).toBe("must contain a lower-case letter");
    expect(why("Abcdefghijk!")).toBe("must contain a digit");
    expect(why("Abcdefghijk1")).toBe("must contain a symbol");
    expect(why(`Aa1!${"x".repeat(253)}`)).toBeDefined(); // 257 characters
  });

  it("normalises an e-mail address to trimmed lower case and refuses what is not one", () => {
    expect(v.parse(emailSchema, "  Ada@Example.COM ")).toBe("ada@example.com");
    expect(v.is(emailSchema, "not an address")).toBe(false);
    expect(v.safeParse(emailSchema, "ada@").issues?.[0]?.message).toBe("must be an e-mail address");
  });
});
