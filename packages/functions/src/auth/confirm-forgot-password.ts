import * as Identity from "@emporium/core/identity";
import { noContent, route } from "../http";
import { spendAttempt } from "../http/attempts";
import * as contracts from "../manifest/contracts";

export const handler = route(contracts.AuthConfirmForgotPassword, async ({ body, request }) => {
  await spendAttempt(request, "confirmForgotPassword", { email: body.email });
  await Identity.confirmForgotPassword(body);
  return noContent();
});
