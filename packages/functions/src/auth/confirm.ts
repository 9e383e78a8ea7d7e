import * as Identity from "@emporium/core/identity";
import { noContent, route } from "../http";
import { spendAttempt } from "../http/attempts";
import * as contracts from "../manifest/contracts";

export const handler = route(contracts.AuthConfirm, async ({ body, request }) => {
  await spendAttempt(request, "confirmSignUp", { email: body.email });
  await Identity.confirmSignUp(body);
  return noContent();
});
