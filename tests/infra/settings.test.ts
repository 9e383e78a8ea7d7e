/**
 * Deploy-time settings (infra/settings.ts): production refuses to deploy without what it needs,
 * other stages need only a pre-verified sender; malformed values are refused everywhere.
 */
import { describe, expect, it } from "vitest";
import { readDeploySettings, requiredInProduction, settingNames, stageCapacity } from "../../infra/settings";

const complete = {
  EMPORIUM_API_DOMAIN: "api.emporium.test",
  EMPORIUM_API_CERT_ARN: "arn:aws:acm:us-east-1:123456789012:certificate/abc",
  EMPORIUM_WEB_DOMAIN: "shop.emporium.test",
  EMPORIUM_WEB_CERT_ARN: "arn:aws:acm:us-east-1:123456789012:certificate/web",
  EMPORIUM_PROVISIONED_CONCURRENCY: "3",
  EMPORIUM_ONCALL_EMAIL: "oncall@emporium.test",
  EMPORIUM_EMAIL_SENDER: "orders@emporium.test",
  EMPORIUM_PAYMENT_PROVIDER: "card-acquirer",
};

describe("deploy settings", () => {
  it("reads every production setting", () => {
    expect(readDeploySettings("production", complete)).toEqual({
      apiDomain: { name: "api.emporium.test", cert: complete.EMPORIUM_API_CERT_ARN },
      webDomain: { name: "shop.emporium.test", cert: complete.EMPORIUM_WEB_CERT_ARN },
      provisionedConcurrency: 3,
      oncallEmail: "oncall@emporium.test",
      emailSender: "orders@emporium.test",
    });
  });

  it.each(requiredInProduction)("fails a production deploy without %s, or with it empty (an unset GitHub secret)", (name) => {
    expect(() => readDeploySettings("production", { ...complete, [name]: undefined })).toThrow(`${name} is not set`);
    expect(() => readDeploySettings("production", { ...complete, [name]: "" })).toThrow(`${name} is not set`);
  });

  it("names every missing setting at once", () => {
    let message = "";
    try {
      readDeploySettings("production", {});
    } catch (error) {
      message = String(error);
    }
    for (const name of requiredInProduction) expect(message).toContain(`${name} is not set`);
  });

  it("takes no custom domain only when told so explicitly, and wants a certificate with a domain", () => {
    expect(readDeploySettings("production", { ...complete, EMPORIUM_API_DOMAIN: "none", EMPORIUM_API_CERT_ARN: undefined }).apiDomain).toBeUndefined();
    expect(() => readDeploySettings("production", { ...complete, EMPORIUM_API_CERT_ARN: undefined })).toThrow(`${settingNames.apiCertArn} is not set`);
    expect(() => readDeploySettings("production", { ...complete, EMPORIUM_API_CERT_ARN: "arn:aws:iam::123456789012:role/x" })).toThrow("must be an ACM certificate ARN");
  });

  it("refuses malformed addresses and concurrency", () => {
    expect(() => readDeploySettings("production", { ...complete, EMPORIUM_ONCALL_EMAIL: "oncall" })).toThrow("EMPORIUM_ONCALL_EMAIL must be an e-mail address");
    expect(() => readDeploySettings("alice", { EMPORIUM_EMAIL_SENDER: "orders at example" })).toThrow("EMPORIUM_EMAIL_SENDER must be an e-mail address");
    expect(() => readDeploySettings("production", { ...complete, EMPORIUM_WEB_CERT_ARN: "arn:aws:acm:eu-west-1:123456789012:certificate/web" })).toThrow("must be a certificate in us-east-1");
    expect(readDeploySettings("production", { ...complete, EMPORIUM_WEB_DOMAIN: "none", EMPORIUM_WEB_CERT_ARN: undefined }).webDomain).toBeUndefined();
    expect(() => readDeploySettings("production", { ...complete, EMPORIUM_PROVISIONED_CONCURRENCY: "many" })).toThrow("whole number");
    expect(() => readDeploySettings("production", { ...complete, EMPORIUM_PROVISIONED_CONCURRENCY: "-1" })).toThrow("whole number");
  });

  it("needs only the sender in other stages, and ignores production's domain and concurrency there", () => {
    expect(() => readDeploySettings("pr-42", {})).toThrow(`${settingNames.emailSender} is not set`);
    expect(readDeploySettings("pr-42", { ...complete, EMPORIUM_ONCALL_EMAIL: undefined })).toEqual({
      apiDomain: undefined,
      provisionedConcurrency: 0,
      oncallEmail: undefined,
      emailSender: "orders@emporium.test",
    });
  });

  it("gives production scaling capacity and canary releases, and every other stage the cheapest fixed capacity", () => {
    expect(stageCapacity("production")).toEqual({
      streams: { mode: "on-demand" },
      dashboard: true,
      canary: { alias: "live", deploymentConfig: "CodeDeployDefault.LambdaCanary10Percent10Minutes" },
    });
    for (const stage of ["pr-42", "pr-7"]) expect(stageCapacity(stage)).toEqual({ streams: { mode: "provisioned", shards: 1 }, dashboard: false });
    // Personal stages keep their dashboard (somebody works in them), still on one shard.
    for (const stage of ["alice", "pr-x", "production-copy"]) expect(stageCapacity(stage)).toEqual({ streams: { mode: "provisioned", shards: 1 }, dashboard: true });
  });
});
