/**
 * A table that cannot serve answers 503 with Retry-After through the one error mapper, also when
 * Powertools' idempotency layer is the one that hit it (it wraps the SDK's error as its cause).
 */
import { IdempotencyPersistenceLayerError } from "@aws-lambda-powertools/idempotency";
import { describe, expect, it } from "vitest";
import { DependencyUnavailableError } from "@emporium/core/errors";
import { tableUnavailability } from "@emporium/core/table";
import { problem } from "../src/http/problem";

describe("an unavailable table as a problem", () => {
  it("is a 503 problem with Retry-After and the error's own detail, nothing more", () => {
    const response = problem(new DependencyUnavailableError("The service is temporarily unavailable.", 5), "req-1");
    expect(response.statusCode).toBe(503);
    expect(response.headers).toMatchObject({ "retry-after": "5", "content-type": "application/problem+json" });
    expect(JSON.parse(response.body!)).toEqual({
      type: "https://emporium.dev/problems/503",
      title: "Service unavailable",
      status: 503,
      detail: "The service is temporarily unavailable.",
      requestId: "req-1",
    });
  });

  it("is recognised inside Powertools' persistence-layer error", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:8000"), { code: "ECONNREFUSED" });
    const wrapped = new IdempotencyPersistenceLayerError("Failed to save in progress record to idempotency store", { cause: refused });
    const response = problem(tableUnavailability(wrapped) ?? wrapped, "req-2");
    expect(response.statusCode).toBe(503);
    expect(response.headers?.["retry-after"]).toBe("5");
    expect(response.body).not.toContain("ECONNREFUSED");
  });

  it("leaves other faults a 500 without Retry-After", () => {
    const error = new TypeError("x is undefined");
    const response = problem(tableUnavailability(error) ?? error, "req-3");
    expect(response.statusCode).toBe(500);
    expect(response.headers?.["retry-after"]).toBeUndefined();
  });
});
