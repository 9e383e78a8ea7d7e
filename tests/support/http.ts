import { expect } from "vitest";
import { refuseHeldOrders } from "./held-products";
import { conformance } from "./openapi";
import { target } from "./target";

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface CallOptions {
  token?: string;
  json?: unknown;
  body?: string | Buffer;
  headers?: Record<string, string>;
}

/** One HTTP call to the target's API; the body is parsed when it is JSON. */
export async function call<T = any>(method: string, path: string, options: CallOptions = {}): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body = options.body;
  if (options.json !== undefined) {
    headers["content-type"] ??= "application/json";
    body = JSON.stringify(options.json);
  }
  refuseHeldOrders(method, path, options.json);
  const url = `${target.apiUrl}${path}`;
  const response = await fetch(url, { method, headers, body });
  const text = await response.text();
  const type = response.headers.get("content-type") ?? "";
  // Every response must be one the OpenAPI document describes (see ./openapi.ts).
  expect(conformance(method, url, response.status, type, text)).toBeUndefined();
  return { status: response.status, headers: response.headers, text, body: type.includes("json") && text ? JSON.parse(text) : text };
}

export const get = <T = any>(path: string, options?: CallOptions) => call<T>("GET", path, options);
export const post = <T = any>(path: string, json: unknown, options?: CallOptions) => call<T>("POST", path, { ...options, json });
