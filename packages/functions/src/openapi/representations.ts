import * as v from "valibot";

/**
 * What the API sends back that belongs to no domain of the core, as valibot schemas for the
 * OpenAPI document (the domains' own representations are in core, beside their types; problems
 * in ../http/problem.ts). Tests check every response they get against the document built from these.
 */
export const message = v.object({ message: v.string() });

export const health = v.object({ status: v.picklist(["ok", "degraded"]), table: v.object({ reachable: v.boolean(), latencyMs: v.number() }) });

/** What API Gateway itself answers (unknown route, refused credentials, function failure). */
export const gatewayMessage = message;

/** An OpenAPI document (this API's own). */
export const openApi = v.object({ openapi: v.string(), info: v.object({ title: v.string(), version: v.string() }), paths: v.record(v.string(), v.unknown()) });

/** An HTML page. */
export const html = v.string();
