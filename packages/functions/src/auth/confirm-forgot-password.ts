import * as Identity from "@emporium/core/identity";
import { noContent, route } from "../http";

export const handler = route("POST /auth/confirm-forgot-password", async (request) => {
  await Identity.confirmForgotPassword(request.body(Identity.confirmForgotPasswordSchema));
  return noContent();
});
