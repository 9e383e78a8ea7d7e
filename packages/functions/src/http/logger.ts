import { Logger } from "@aws-lambda-powertools/logger";

/** One structured JSON logger per function; every line carries the request id of its request. */
export const logger = new Logger({ serviceName: "emporium-api" });
