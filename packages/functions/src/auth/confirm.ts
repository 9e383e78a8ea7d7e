import * as Identity from "@emporium/core/identity";
import { noContent, route } from "../http";

export const handler = route("POST /auth/confirm", async (request) => {
  await Identity.confirmSignUp(request.body(Identity.confirmSignUpSchema));
  return noContent();
});
