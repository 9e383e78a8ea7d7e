import * as Identity from "@emporium/core/identity";
import { accepted, route } from "../http";
import { spendAttempt } from "../http/attempts";
import * as contracts from "../manifest/contracts";

export const handler = route(contracts.AuthForgotPassword, async ({ body, request }) => {
  await spendAttempt(request, "forgotPassword", { email: body.email });
  await Identity.forgotPassword(body);
  return accepted({ message: "If this address is registered, a reset code is on its way to it." });
});
