/// <reference path="./.sst/platform/config.d.ts" />

export default $config({
  app(input) {
    return {
      name: "emporium",
      home: "aws",
      removal: input?.stage === "production" ? "retain" : "remove",
      protect: ["production"].includes(input?.stage),
      // One region for every stage, whatever the deploying shell's AWS_REGION says: the stages'
      // SES identities (pre-verified per region), Cognito's SES sending (same region) and the
      // workflows (aws-region) all assume it. eu-west-1: the shop sells in euros, and Cognito can send
      // through SES there.
      providers: { aws: { version: "7.20.0", region: "eu-west-1" } },
    };
  },
  async run() {
    const storage = await import("./infra/storage");
    await import("./infra/email");
    const auth = await import("./infra/auth");
    await import("./infra/events");
    await import("./infra/consumers");
    await import("./infra/schedules");
    const api = await import("./infra/api");
    await import("./infra/monitoring");
    const web = await import("./infra/web");
    const release = await import("./infra/release");
    return {
      /** The web app and, under /api, the API: one origin. */
      web: web.router.url,
      api: api.api.url,
      userPoolId: auth.userPool.id,
      userPoolClientId: auth.client.id,
      table: storage.table.name,
      // Production only: what scripts/canary.ts releases after the deploy.
      ...(release.releaseOutput ? { release: release.releaseOutput } : {}),
    };
  },
});
