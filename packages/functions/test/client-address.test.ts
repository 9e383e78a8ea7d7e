import { Resource } from "sst";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { edgeHeaders } from "../src/manifest/edge";
import { clientAddress } from "../src/http/client-address";
import type { ApiEvent } from "../src/http/request";

/**
 * Whose address the per-address limits count: the viewer's when the router vouches for it with
 * the stage's edge secret, API Gateway's peer otherwise. The secret is swapped in this process
 * as a deploy would set it.
 */
const links = (globalThis as unknown as { __SST_RESOURCE_RAW__: Record<string, { value: string } | undefined> }).__SST_RESOURCE_RAW__;
const SECRET = "edge-secret-for-this-test";
const PEER = "130.176.1.1"; // a CloudFront address, as API Gateway sees requests through the router
let saved: { value: string } | undefined;

beforeAll(() => {
  saved = "EdgeSecret" in Resource ? { ...Resource.EdgeSecret } : undefined;
  links.EdgeSecret = { ...saved, value: SECRET };
});
afterAll(() => {
  links.EdgeSecret = saved;
});

const event = (headers: Record<string, string>) => ({ headers, requestContext: { http: { sourceIp: PEER } } }) as unknown as ApiEvent;
const through = (viewer: string, secret = SECRET) => event({ [edgeHeaders.viewerAddress]: viewer, [edgeHeaders.secret]: secret });

describe("the client's address", () => {
  it("is the viewer's, IPv4 or IPv6, when the router's secret comes with it", () => {
    expect(clientAddress(through("198.51.100.7"))).toBe("198.51.100.7");
    expect(clientAddress(through("2001:db8::7"))).toBe("2001:db8::7");
  });

  it("is the peer's when the secret is wrong, missing or a prefix of the right one, or the address comes alone", () => {
    expect(clientAddress(through("198.51.100.7", "guessed"))).toBe(PEER);
    expect(clientAddress(through("198.51.100.7", SECRET.slice(0, -1)))).toBe(PEER);
    expect(clientAddress(through("198.51.100.7", ""))).toBe(PEER);
    expect(clientAddress(event({ [edgeHeaders.viewerAddress]: "198.51.100.7" }))).toBe(PEER);
    expect(clientAddress(event({ "x-forwarded-for": "198.51.100.7" }))).toBe(PEER);
    expect(clientAddress(event({}))).toBe(PEER);
  });

  it("is the peer's when what the router wrote is not one address", () => {
    for (const viewer of ["", "198.51.100.7, 10.0.0.1", "not-an-address", "198.51.100.256"]) expect(clientAddress(through(viewer)), viewer).toBe(PEER);
  });

  it("is the peer's on a function that does not link the secret, and when the stage's secret is empty", () => {
    links.EdgeSecret = undefined;
    delete links.EdgeSecret;
    expect(clientAddress(through("198.51.100.7"))).toBe(PEER);
    links.EdgeSecret = { value: "" };
    expect(clientAddress(through("198.51.100.7", ""))).toBe(PEER);
    links.EdgeSecret = { ...saved, value: SECRET };
  });
});
