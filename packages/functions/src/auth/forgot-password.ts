import * as Identity from "@emporium/core/identity";
import { accepted, route } from "../http";

export const handler = route("POST /auth/forgot-password", async (request) => {
  await Identity.forgotPassword(request.body(Identity.forgotPasswordSchema));
  return accepted({ message: "If this address is registered, a reset code is on its way to it." });
});
