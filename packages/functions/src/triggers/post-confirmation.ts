import type { PostConfirmationTriggerEvent } from "aws-lambda";
import * as Identity from "@emporium/core/identity";
import * as Users from "@emporium/core/users";

/**
 * After a user confirms their sign-up: put them in the `customer` group and create their
 * profile with the e-mail address the pool verified. Cognito needs the event back.
 */
export async function handler(event: PostConfirmationTriggerEvent): Promise<PostConfirmationTriggerEvent> {
  if (event.triggerSource !== "PostConfirmation_ConfirmSignUp") return event;
  const attributes = event.request.userAttributes;
  await Identity.setRole(event.userName, "customer", event.userPoolId);
  await Users.ensure(
    { userId: attributes.sub!, username: event.userName, role: "customer" },
    { email: attributes.email ?? null, name: attributes.name ?? null },
  );
  return event;
}
