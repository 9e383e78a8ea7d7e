import * as Identity from "@emporium/core/identity";
import { accepted, route } from "../http";
import { spendAttempt } from "../http/attempts";

export const handler = route("POST /auth/resend-confirmation", async (request) => {
  const input = request.body(Identity.resendConfirmationSchema);
  await spendAttempt(request, "resendConfirmation", { email: input.email });
  await Identity.resendConfirmation(input);
  return accepted({ message: "If this address awaits confirmation, a new code is on its way to it." });
});
