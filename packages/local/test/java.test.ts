import { afterEach, describe, expect, it } from "vitest";
import { MissingJavaError, requireJava } from "../src/emulators/java";

const path = process.env.PATH;
afterEach(() => {
  process.env.PATH = path;
});

describe("Java check", () => {
  it("passes on this machine (Java 17+ is a prerequisite)", () => {
    expect(() => requireJava()).not.toThrow();
  });

  it("names what to install when java is missing", () => {
    process.env.PATH = "/nonexistent";
    expect(() => requireJava()).toThrow(MissingJavaError);
    expect(() => requireJava()).toThrow(/Java 17 or newer is required.*Install a JDK or JRE 17\+/);
  });

  it("refuses a Java older than required", () => {
    expect(() => requireJava(99)).toThrow(/Java 99 or newer is required to run DynamoDB Local; found Java \d+/);
  });
});
