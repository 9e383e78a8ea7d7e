import * as Identity from "@emporium/core/identity";
import { accepted, route } from "../http";
import { spendAttempt } from "../http/attempts";
import * as contracts from "../manifest/contracts";

export const handler = route(contracts.AuthResendConfirmation, async ({ body, request }) => {
  await spendAttempt(request, "resendConfirmation", { email: body.email });
  await Identity.resendConfirmation(body);
  return accepted({ message: "If this address awaits confirmation, a new code is on its way to it." });
});
