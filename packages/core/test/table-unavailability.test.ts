/**
 * Which DynamoDB failures mean "the table cannot serve right now" (a 503 with Retry-After) and
 * which stay what they are. The network cases are real: the SDK's own client against a port
 * nothing listens on, and against a server that accepts and never answers.
 */
import { createServer, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  DynamoDBServiceException,
  GetItemCommand,
  InternalServerError,
  ProvisionedThroughputExceededException,
  RequestLimitExceeded,
  ResourceNotFoundException,
  ThrottlingException,
  TransactionCanceledException,
} from "@aws-sdk/client-dynamodb";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { DependencyUnavailableError } from "../src/errors";
import { tableUnavailability } from "../src/table";

const metadata = (httpStatusCode: number) => ({ $metadata: { httpStatusCode } });
const credentials = { accessKeyId: "test", secretAccessKey: "test" };

/** What one GetItem through the real client throws against `endpoint`. */
async function failureAt(endpoint: string, requestTimeout?: number): Promise<unknown> {
  const client = new DynamoDBClient({
    endpoint,
    region: "eu-west-1",
    credentials,
    maxAttempts: 1,
    ...(requestTimeout ? { requestHandler: new NodeHttpHandler({ requestTimeout, throwOnRequestTimeout: true }) } : {}),
  });
  try {
    await client.send(new GetItemCommand({ TableName: "t", Key: { pk: { S: "x" } } }));
    throw new Error("the request was expected to fail");
  } catch (error) {
    return error;
  } finally {
    client.destroy();
  }
}

let silent: Server;
const accepted = new Set<Socket>();
let silentPort: number;
let closedPort: number;
beforeAll(async () => {
  // Accepts connections and never answers, as a stalled endpoint does.
  silent = createServer((socket) => accepted.add(socket));
  await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
  silentPort = (silent.address() as { port: number }).port;
  // A port that was free a moment ago and that nothing listens on now.
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  closedPort = (probe.address() as { port: number }).port;
  await new Promise((resolve) => probe.close(resolve));
});
afterAll(async () => {
  // The client gave up on its request; the server drops the connection it never answered.
  for (const socket of accepted) socket.destroy();
  await new Promise((resolve) => silent.close(resolve));
});

describe("tableUnavailability", () => {
  it("turns a refused connection (DynamoDB down) into a DependencyUnavailableError with a Retry-After of 5 s", async () => {
    const error = await failureAt(`http://127.0.0.1:${closedPort}`);
    expect((error as { code?: string }).code).toBe("ECONNREFUSED");
    const unavailable = tableUnavailability(error);
    expect(unavailable).toBeInstanceOf(DependencyUnavailableError);
    expect(unavailable?.retryAfterSeconds).toBe(5);
  });

  it("turns a request that times out into one too", async () => {
    const error = await failureAt(`http://127.0.0.1:${silentPort}`, 300);
    expect((error as Error).name).toBe("TimeoutError");
    expect(tableUnavailability(error)?.retryAfterSeconds).toBe(5);
  });

  it("turns throttling into one with a Retry-After of 1 s, by the SDK's classes", () => {
    for (const error of [
      new ProvisionedThroughputExceededException({ message: "throughput exceeded", ...metadata(400) }),
      new RequestLimitExceeded({ message: "account limit", ...metadata(400) }),
      new ThrottlingException({ message: "slow down", ...metadata(400) }),
    ]) {
      expect(tableUnavailability(error)?.retryAfterSeconds, error.name).toBe(1);
    }
  });

  it("turns the service's own server errors into one: InternalServerError and a 503 ServiceUnavailable, which has no class", () => {
    expect(tableUnavailability(new InternalServerError({ message: "internal", ...metadata(500) }))?.retryAfterSeconds).toBe(5);
    const serviceUnavailable = new DynamoDBServiceException({ name: "ServiceUnavailable", $fault: "server", message: "unavailable", ...metadata(503) });
    expect(tableUnavailability(serviceUnavailable)?.retryAfterSeconds).toBe(5);
  });

  it("follows a wrapping error's cause, a few links deep, and no further", async () => {
    const refused = (await failureAt(`http://127.0.0.1:${closedPort}`)) as Error;
    const wrap = (cause: Error, times: number): Error => (times === 0 ? cause : wrap(new Error("wrapped", { cause }), times - 1));
    expect(tableUnavailability(wrap(refused, 1))).toBeInstanceOf(DependencyUnavailableError);
    expect(tableUnavailability(wrap(refused, 4))).toBeInstanceOf(DependencyUnavailableError);
    expect(tableUnavailability(wrap(refused, 5))).toBeUndefined();
  });

  it("treats a transaction cancelled only by throttling as busy, and one with a failed condition as the business outcome it is", () => {
    const cancelled = (...codes: string[]) =>
      new TransactionCanceledException({ message: "cancelled", ...metadata(400), CancellationReasons: codes.map((Code) => ({ Code })) });
    expect(tableUnavailability(cancelled("None", "ThrottlingError"))?.retryAfterSeconds).toBe(1);
    expect(tableUnavailability(cancelled("ConditionalCheckFailed", "ThrottlingError"))).toBeUndefined();
    expect(tableUnavailability(cancelled("ConditionalCheckFailed", "None"))).toBeUndefined();
  });

  it("leaves every other error alone: business outcomes, client errors, faults of our own", () => {
    expect(tableUnavailability(new ConditionalCheckFailedException({ message: "condition", ...metadata(400) }))).toBeUndefined();
    expect(tableUnavailability(new ResourceNotFoundException({ message: "no table", ...metadata(400) }))).toBeUndefined();
    const validation = new DynamoDBServiceException({ name: "ValidationException", $fault: "client", message: "bad key", ...metadata(400) });
    expect(tableUnavailability(validation)).toBeUndefined();
    expect(tableUnavailability(new TypeError("cannot read properties of undefined"))).toBeUndefined();
    expect(tableUnavailability("a string")).toBeUndefined();
    expect(tableUnavailability(undefined)).toBeUndefined();
  });
});
