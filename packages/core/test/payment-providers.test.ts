import { afterEach, describe, expect, it } from "vitest";
import { paymentProviderFor } from "../src/fulfilment/providers";
import { paymentProvider } from "../src/fulfilment/adapters";

describe("payment provider by stage", () => {
  it("gives local, test and preview stages the simulator unless they configure a provider", () => {
    for (const stage of ["local", "alice", "pr-42"]) expect(paymentProviderFor(stage, undefined)).toBe("simulated");
    expect(paymentProviderFor("pr-42", "card-acquirer")).toBe("card-acquirer");
  });

  it("refuses to deploy production without a provider, or with the simulator, saying why", () => {
    expect(() => paymentProviderFor("production", undefined)).toThrow(/Refusing to deploy production without a payment provider: set EMPORIUM_PAYMENT_PROVIDER/);
    expect(() => paymentProviderFor("production", "  ")).toThrow(/without a payment provider/);
    expect(() => paymentProviderFor("production", "simulated")).toThrow(/with the payment simulator/);
    expect(paymentProviderFor("production", "card-acquirer")).toBe("card-acquirer");
  });
});

describe("payment provider at run time", () => {
  const saved = { provider: process.env.PAYMENT_PROVIDER, app: process.env.SST_RESOURCE_App };
  afterEach(() => {
    for (const [name, value] of [["PAYMENT_PROVIDER", saved.provider], ["SST_RESOURCE_App", saved.app]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it("never falls back to the simulator: no configuration, an unknown provider, or the simulator in production is a fault", () => {
    process.env.SST_RESOURCE_App = JSON.stringify({ name: "emporium", stage: "production" });
    delete process.env.PAYMENT_PROVIDER;
    expect(() => paymentProvider()).toThrow(/No payment provider is configured/);
    process.env.PAYMENT_PROVIDER = "simulated";
    expect(() => paymentProvider()).toThrow(/never runs in production/);
    process.env.PAYMENT_PROVIDER = "card-acquirer";
    expect(() => paymentProvider()).toThrow(/No adapter implements the payment provider "card-acquirer"/);
    // (The simulator as the local stage's provider is what every pipeline test runs on.)
  });
});
