import * as Identity from "@emporium/core/identity";
import { noContent, route } from "../http";
import { spendAttempt } from "../http/attempts";

export const handler = route("POST /auth/confirm", async (request) => {
  const input = request.body(Identity.confirmSignUpSchema);
  await spendAttempt(request, "confirmSignUp", { email: input.email });
  await Identity.confirmSignUp(input);
  return noContent();
});
