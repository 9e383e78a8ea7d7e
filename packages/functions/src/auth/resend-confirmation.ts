import * as Identity from "@emporium/core/identity";
import { accepted, route } from "../http";

export const handler = route("POST /auth/resend-confirmation", async (request) => {
  await Identity.resendConfirmation(request.body(Identity.resendConfirmationSchema));
  return accepted({ message: "If this address awaits confirmation, a new code is on its way to it." });
});
