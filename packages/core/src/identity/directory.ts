import {
  AdminAddUserToGroupCommand,
  AdminDisableUserCommand,
  AdminRemoveUserFromGroupCommand,
  ResourceNotFoundException,
  UserNotFoundException,
} from "@aws-sdk/client-cognito-identity-provider";
import type { Role } from "../auth";
import { cognito, userPoolId } from "./cognito";
import { userGroups } from "./policy";

/** Administrative changes to a user in the pool, by their pool username. */
export async function setRole(username: string, role: Role, poolId = userPoolId()): Promise<void> {
  await cognito().send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: username, GroupName: role }));
  for (const group of userGroups.filter((group) => group !== role)) {
    try {
      await cognito().send(new AdminRemoveUserFromGroupCommand({ UserPoolId: poolId, Username: username, GroupName: group }));
    } catch (error) {
      // Not being in a group is the state we want.
      if (!(error instanceof UserNotFoundException || error instanceof ResourceNotFoundException)) throw error;
    }
  }
}

export async function disable(username: string): Promise<void> {
  try {
    await cognito().send(new AdminDisableUserCommand({ UserPoolId: userPoolId(), Username: username }));
  } catch (error) {
    if (!(error instanceof UserNotFoundException)) throw error;
  }
}
