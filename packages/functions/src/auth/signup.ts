import * as Identity from "@emporium/core/identity";
import { accepted, route } from "../http";
import { spendAttempt } from "../http/attempts";
import * as contracts from "../manifest/contracts";

export const handler = route(contracts.AuthSignUp, async ({ body, request }) => {
  await spendAttempt(request, "signUp", { email: body.email });
  await Identity.signUp(body);
  return accepted({ message: "If this address can be registered, a confirmation code is on its way to it." });
});
