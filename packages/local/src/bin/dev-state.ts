import { join } from "node:path";

/** What a running `bun dev` publishes for `bun run token`. */
export interface DevState {
  apiUrl: string;
  cognitoEndpoint: string;
  userPoolId: string;
  clientId: string;
  users: { email: string; password: string; role: string }[];
}

export const devStatePath = (root: string) => join(root, ".emporium", "dev.json");
