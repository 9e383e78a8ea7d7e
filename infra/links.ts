import type { Link } from "../packages/functions/src/manifest";
import { client, userPool } from "./auth";
import { email } from "./email";
import { edgeSecret } from "./edge";
import { bucketComponents, queueComponents, streamComponents, topicComponents } from "./events";
import { apiKeyPepper, cursorSecret, idempotencyTable, table } from "./storage";

/**
 * What each manifest link name is (`Resource.<Name>` in handlers): the one place every
 * function's links are resolved. The user pool and its client are getters: the pool's own
 * trigger (infra/auth.ts) links the table while the pool is still being created.
 */
export const linkables = {
  Table: table,
  Idempotency: idempotencyTable,
  CursorSecret: cursorSecret,
  ApiKeyPepper: apiKeyPepper,
  EdgeSecret: edgeSecret,
  get UserPool(): sst.aws.CognitoUserPool {
    return userPool;
  },
  get UserPoolClient(): ReturnType<sst.aws.CognitoUserPool["addClient"]> {
    return client;
  },
  Email: email,
  ...topicComponents,
  ...queueComponents,
  ...streamComponents,
  ...bucketComponents,
} satisfies Record<Link, unknown>;
