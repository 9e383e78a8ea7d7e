import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { handlerParts, routeEntries } from "../src/manifest";

const root = resolve(import.meta.dirname, "../../..");

describe("app manifest", () => {
  it("gives every function a unique name", () => {
    const names = routeEntries().map(([, spec]) => spec.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(routeEntries())("%s points at the handler written for that route", async (routeKey, spec) => {
    const { file, exportName } = handlerParts(spec.handler);
    expect(existsSync(join(root, `${file}.ts`))).toBe(true);
    const module = await import(join(root, `${file}.ts`));
    expect(typeof module[exportName]).toBe("function");
    expect(module[exportName].routeKey).toBe(routeKey);
  });
});
