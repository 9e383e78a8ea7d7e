import { edgeHeaders, webApiBasePath } from "../packages/functions/src/manifest";

/**
 * The router's word for who is calling. Requests through CloudFront reach API Gateway from
 * CloudFront's addresses, so the per-address limits would count an edge location, not a person.
 * The router's viewer-request function writes the viewer's address into every `/api` request,
 * with this stage's edge secret beside it; the public routes link the secret and believe the
 * address only with it (packages/functions/src/http/client-address.ts). Set per stage with
 * `sst secret set EdgeSecret`.
 */
export const edgeSecret = new sst.Secret("EdgeSecret");

/**
 * The viewer-request code that adds both headers, over whatever the viewer sent, to `/api`
 * requests only. Not marked secret: the code is readable in CloudFront by whoever can read the
 * distribution anyway, and a secret here would make every output that depends on the router
 * (its URL among them) secret too.
 */
export const viewerAddressInjection = $util.unsecret(
  edgeSecret.value.apply(
    (secret) => `if (event.request.uri.startsWith(${JSON.stringify(`${webApiBasePath}/`)})) {
    event.request.headers[${JSON.stringify(edgeHeaders.viewerAddress)}] = { value: event.viewer.ip };
    event.request.headers[${JSON.stringify(edgeHeaders.secret)}] = { value: ${JSON.stringify(secret)} };
  }`,
  ),
);
