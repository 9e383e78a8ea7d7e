import * as Identity from "@emporium/core/identity";
import { accepted, route } from "../http";
import { spendAttempt } from "../http/attempts";

export const handler = route("POST /auth/signup", async (request) => {
  const input = request.body(Identity.signUpSchema);
  await spendAttempt(request, "signUp", { email: input.email });
  await Identity.signUp(input);
  return accepted({ message: "If this address can be registered, a confirmation code is on its way to it." });
});
