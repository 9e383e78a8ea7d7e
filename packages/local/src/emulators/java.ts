import { spawnSync } from "node:child_process";

export class MissingJavaError extends Error {}

/**
 * DynamoDB Local is Amazon's Java program. Check for Java 17+ up front so a missing or old
 * Java is one clear sentence rather than a stack trace from a child process.
 */
export function requireJava(minimum = 17): void {
  const result = spawnSync("java", ["-version"], { encoding: "utf8" });
  if (result.error || result.status !== 0) {
    throw new MissingJavaError(
      `Java ${minimum} or newer is required to run DynamoDB Local, and no \`java\` was found on PATH. ` +
        `Install a JDK or JRE ${minimum}+ (e.g. \`apt-get install openjdk-${minimum}-jre-headless\` or \`brew install openjdk@${minimum}\`) and try again.`,
    );
  }
  const version = /version "(\d+)(?:\.(\d+))?/.exec(result.stderr + result.stdout);
  const major = version ? Number(version[1] === "1" ? version[2] : version[1]) : 0;
  if (major < minimum) {
    throw new MissingJavaError(
      `Java ${minimum} or newer is required to run DynamoDB Local; found Java ${major || "of unknown version"}. Install Java ${minimum}+ and try again.`,
    );
  }
}
