import * as Identity from "@emporium/core/identity";
import { accepted, route } from "../http";
import { spendAttempt } from "../http/attempts";

export const handler = route("POST /auth/forgot-password", async (request) => {
  const input = request.body(Identity.forgotPasswordSchema);
  await spendAttempt(request, "forgotPassword", { email: input.email });
  await Identity.forgotPassword(input);
  return accepted({ message: "If this address is registered, a reset code is on its way to it." });
});
