/// <reference path="./.sst/platform/config.d.ts" />

export default $config({
  app(input) {
    return {
      name: "emporium",
      home: "aws",
      removal: input?.stage === "production" ? "retain" : "remove",
      protect: ["production"].includes(input?.stage),
      providers: { aws: { version: "7.20.0" } },
    };
  },
  async run() {
    const storage = await import("./infra/storage");
    const auth = await import("./infra/auth");
    await import("./infra/events");
    await import("./infra/schedules");
    const api = await import("./infra/api");
    await import("./infra/monitoring");
    return {
      api: api.api.url,
      userPoolId: auth.userPool.id,
      userPoolClientId: auth.client.id,
      table: storage.table.name,
    };
  },
});
