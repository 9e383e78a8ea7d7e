/**
 * What the router (CloudFront's viewer-request function in AWS, the web origin's proxy offline)
 * adds to every `/api` request: the viewer's address, and the stage's edge secret as proof that
 * the router, not the caller, wrote that address. Both overwrite whatever the caller sent.
 * A file of its own, importing nothing, so that every API function's bundle can carry it.
 */
export const edgeHeaders = { viewerAddress: "x-emporium-viewer-address", secret: "x-emporium-edge-secret" } as const;
