import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { buckets } from "@emporium/functions/manifest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFauxqsEmulator, type FauxqsEmulator } from "../src/emulators/fauxqs";
import { LOCAL_CREDENTIALS, LOCAL_REGION } from "../src/local-account";

const WEB = "http://127.0.0.1:5173";
let fauxqs: FauxqsEmulator;
let s3: S3Client;

const preflight = (path: string, headers: Record<string, string>) => fetch(`${fauxqs.endpoint}${path}`, { method: "OPTIONS", headers });

beforeAll(async () => {
  fauxqs = await startFauxqsEmulator({ log: () => {} });
  s3 = new S3Client({ endpoint: fauxqs.endpoint, region: LOCAL_REGION, forcePathStyle: true, credentials: LOCAL_CREDENTIALS });
  for (const bucket of ["uploads", "private", "named"]) await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  fauxqs.cors.set("uploads", buckets.Uploads.cors);
  fauxqs.cors.set("named", { allowOrigins: ["https://*.emporium.dev"], allowMethods: ["GET", "PUT"], allowHeaders: ["x-amz-*"], exposeHeaders: [], maxAgeSeconds: 0 });
});

afterAll(async () => {
  s3?.destroy();
  await fauxqs?.stop();
});

describe("offline S3 bucket CORS (the manifest's Uploads rule)", () => {
  it("answers the web app's preflight for a presigned PUT, then the PUT itself carries the CORS headers", async () => {
    // A presigned URL's shape: path-style bucket and key, the signature in the query.
    const path = "/uploads/uploads/p/i.png?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=60&X-Amz-SignedHeaders=content-type%3Bhost&x-id=PutObject";
    const url = `${fauxqs.endpoint}${path}`;
    const answer = await preflight(path, { origin: WEB, "access-control-request-method": "PUT", "access-control-request-headers": "Content-Type" });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("access-control-allow-origin")).toBe("*");
    expect(answer.headers.get("access-control-allow-methods")).toBe("PUT");
    expect(answer.headers.get("access-control-allow-headers")).toBe("content-type");
    expect(answer.headers.get("access-control-max-age")).toBe("3600");
    expect(answer.headers.get("access-control-allow-credentials")).toBeNull();

    const put = await fetch(url, { method: "PUT", headers: { origin: WEB, "content-type": "image/png" }, body: new Uint8Array([1, 2, 3]) });
    expect(put.status).toBe(200);
    expect(put.headers.get("access-control-allow-origin")).toBe("*");
    expect(put.headers.get("access-control-expose-headers")).toBe("ETag");
    const stored = await s3.send(new GetObjectCommand({ Bucket: "uploads", Key: "uploads/p/i.png" }));
    expect([...(await stored.Body!.transformToByteArray())]).toEqual([1, 2, 3]);
  });

  it("refuses a preflight for a method or header the rule does not allow", async () => {
    for (const headers of <Record<string, string>[]>[
      { origin: WEB, "access-control-request-method": "DELETE" },
      { origin: WEB, "access-control-request-method": "PUT", "access-control-request-headers": "content-type, x-amz-acl" },
    ]) {
      const answer = await preflight("/uploads/uploads/p/i.png", headers);
      expect(answer.status).toBe(403);
      expect(answer.headers.get("access-control-allow-origin")).toBeNull();
      expect(await answer.text()).toContain("This CORS request is not allowed");
    }
  });

  it("refuses every preflight for a bucket without CORS rules, and one without an Origin", async () => {
    const other = await preflight("/private/some/key", { origin: WEB, "access-control-request-method": "PUT" });
    expect(other.status).toBe(403);
    expect(await other.text()).toContain("CORS is not enabled for this bucket");
    expect((await preflight("/uploads/k", { "access-control-request-method": "PUT" })).status).toBe(400);
    // A cross-origin request to it still works for non-browser clients, without CORS headers.
    await s3.send(new PutObjectCommand({ Bucket: "private", Key: "k", Body: "x" }));
    const read = await fetch(`${fauxqs.endpoint}/private/k`, { headers: { origin: WEB } });
    expect(read.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("matches origin and header wildcards as S3 does, and echoes a named origin with credentials", async () => {
    const allowed = await preflight("/named/k", { origin: "https://shop.emporium.dev", "access-control-request-method": "PUT", "access-control-request-headers": "x-amz-meta-a" });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get("access-control-allow-origin")).toBe("https://shop.emporium.dev");
    expect(allowed.headers.get("access-control-allow-credentials")).toBe("true");
    expect(allowed.headers.get("access-control-max-age")).toBeNull();
    for (const origin of ["https://emporium.dev", "http://shop.emporium.dev", "https://evil.example"]) {
      expect((await preflight("/named/k", { origin, "access-control-request-method": "PUT" })).status).toBe(403);
    }
    expect((await preflight("/named/k", { origin: "https://a.emporium.dev", "access-control-request-method": "PUT", "access-control-request-headers": "content-type" })).status).toBe(403);
  });
});
