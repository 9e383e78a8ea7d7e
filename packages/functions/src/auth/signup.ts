import * as Identity from "@emporium/core/identity";
import { accepted, route } from "../http";

export const handler = route("POST /auth/signup", async (request) => {
  await Identity.signUp(request.body(Identity.signUpSchema));
  return accepted({ message: "If this address can be registered, a confirmation code is on its way to it." });
});
