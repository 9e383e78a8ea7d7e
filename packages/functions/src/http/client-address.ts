import { createHash, timingSafeEqual } from "node:crypto";
import { isIP } from "node:net";
import { Resource } from "sst";
import { edgeHeaders } from "../manifest/edge";
import type { ApiEvent } from "./request";

/**
 * The address a request is counted under by the per-address limits.
 *
 * API Gateway's `sourceIp` is the connection's peer. For requests the web app sends through the
 * router (CloudFront, `/api`) that is one of CloudFront's addresses, shared by every viewer of
 * an edge location. The router's viewer-request function (infra/edge.ts) writes the viewer's own
 * address and the stage's edge secret into every `/api` request, over whatever the caller sent;
 * the address is believed only beside that secret, which a caller of the API's own URL does not
 * have. Routes that do not link the secret (none but public routes need it) use the peer.
 */
export function clientAddress(event: ApiEvent): string {
  const peer = event.requestContext.http.sourceIp;
  const viewer = event.headers?.[edgeHeaders.viewerAddress];
  const proof = event.headers?.[edgeHeaders.secret];
  if (viewer === undefined || proof === undefined || !("EdgeSecret" in Resource)) return peer;
  return sameSecret(proof, Resource.EdgeSecret.value) && isIP(viewer) !== 0 ? viewer : peer;
}

// Compared as digests: equal lengths for timingSafeEqual, and no timing signal about the secret's.
const digest = (value: string) => createHash("sha256").update(value).digest();
const sameSecret = (given: string, secret: string) => secret !== "" && timingSafeEqual(digest(given), digest(secret));
