/**
 * sst-env.d.ts, which types `Resource` for every package, is generated from the manifest
 * (scripts/sst-env.ts). The committed file must be what the script writes, and the offline
 * runtime must hand functions exactly those shapes. graph.test.ts checks them against the links
 * the deployed program gives its functions.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { functionEnvironment, type LocalEndpoints, type LocalResources } from "../../packages/local/src/stack/environment";
import { buckets, kinesisStreams, queues, topics } from "@emporium/functions/manifest";
import { linkedResources, renderSstEnv, SST_ENV_PATH } from "../../scripts/sst-env";

function records<K extends string, T>(names: Record<K, unknown>, value: T): Record<K, T> {
  return Object.fromEntries(Object.keys(names).map((name) => [name, value])) as Record<K, T>;
}

describe("sst-env.d.ts", () => {
  it("is what `bun run sst-env` generates from the manifest", () => {
    expect(readFileSync(SST_ENV_PATH, "utf8"), "sst-env.d.ts is stale: run `bun run sst-env`").toBe(renderSstEnv(linkedResources()));
  });

  it("types `type` as a literal and every other property by its JSON type, keys sorted, as SST does", () => {
    const text = renderSstEnv({ B: { url: "u", type: "sst.aws.Queue" }, A: { n: 1, ok: true, nested: { type: "x" }, list: [] } });
    expect(text).toContain(
      [
        "  export interface Resource {",
        '    "A": {',
        '      "list": any',
        '      "n": number',
        '      "nested": {',
        '        "type": "x"',
        "      }",
        '      "ok": boolean',
        "    }",
        '    "B": {',
        '      "type": "sst.aws.Queue"',
        '      "url": string',
        "    }",
        "  }",
      ].join("\n"),
    );
  });

  it("describes exactly the SST_RESOURCE_* variables the offline runtime gives code outside functions", () => {
    const resources: LocalResources = {
      tableName: "t",
      idempotencyTableName: "i",
      cursorSecret: "c",
      apiKeyPepper: "p",
      edgeSecret: "e",
      userPoolId: "u",
      clientId: "c",
      apiUrl: "http://127.0.0.1:1",
      topics: records(topics, { arn: "arn" }),
      queues: records(queues, { url: "url" }),
      kinesisStreams: records(kinesisStreams, { name: "name" }),
      buckets: records(buckets, { name: "name" }),
      emailSender: "orders@emporium.test",
    };
    const endpoints: LocalEndpoints = { dynamodb: "d", cognito: "c", messaging: "m", kinesis: "k", ses: "s" };
    const variables = Object.entries(functionEnvironment(resources, endpoints)).filter(([name]) => name.startsWith("SST_RESOURCE_") && name !== "SST_RESOURCE_App");
    const offline = Object.fromEntries(variables.map(([name, json]) => [name.slice("SST_RESOURCE_".length), JSON.parse(json) as Record<string, unknown>]));
    expect(renderSstEnv(offline)).toBe(renderSstEnv(linkedResources()));
  });
});
