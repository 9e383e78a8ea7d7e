/**
 * The request validation path under generated input (see ./properties/requests.ts). A few
 * runs here on every test run; `PROPERTY_RUNS=n` runs more, and bench/properties.ts runs the
 * same properties many times over. A failure prints fast-check's seed and counterexample.
 */
import fc from "fast-check";
import { describe, it } from "vitest";
import { propertyRuns, requestProperties } from "./properties/requests";

describe("request validation, generated", () => {
  for (const [name, property] of Object.entries(requestProperties)) {
    it(name, () => {
      fc.assert(property, { numRuns: propertyRuns(200) });
    });
  }
});
