import * as Identity from "@emporium/core/identity";
import { noContent, route } from "../http";
import { spendAttempt } from "../http/attempts";

export const handler = route("POST /auth/confirm-forgot-password", async (request) => {
  const input = request.body(Identity.confirmForgotPasswordSchema);
  await spendAttempt(request, "confirmForgotPassword", { email: input.email });
  await Identity.confirmForgotPassword(input);
  return noContent();
});
