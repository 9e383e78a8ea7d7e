import { afterEach, describe, expect, it } from "vitest";
import { javaEnvironment } from "../src/emulators/dynamodb";
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

describe("DynamoDB Local's environment", () => {
  it("turns telemetry off and adds the start-up flags to the caller's JVM options, leaving the caller's environment as it was", () => {
    const parent = { PATH: "/bin", JDK_JAVA_OPTIONS: "-Xmx512m" };
    const env = javaEnvironment(parent);
    expect(env).toMatchObject({ PATH: "/bin", DDB_LOCAL_TELEMETRY: "0" });
    expect(env.JDK_JAVA_OPTIONS).toBe("-Xmx512m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xms64m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30");
    expect(parent).toEqual({ PATH: "/bin", JDK_JAVA_OPTIONS: "-Xmx512m" });
  });

  it("takes EMPORIUM_DYNAMODB_JAVA_OPTIONS instead of the default flags", () => {
    expect(javaEnvironment({ EMPORIUM_DYNAMODB_JAVA_OPTIONS: "-Xint" }).JDK_JAVA_OPTIONS).toBe("-Xint");
  });
});
