"use strict";
/*
 * Loaded before cognito-local 5.3.0 (bundled in front of it, see ./cognito-program.ts) to add the Cognito
 * actions the app calls that it lacks: ResendConfirmationCode and AdminUserGlobalSignOut. cognito-local dispatches
 * on its exported `Targets` table (server/Router.js looks each x-amz-target up there at request
 * time), so an entry added here is served like its own, with its services (pool store, code
 * generator honouring CODE, message delivery that prints the code to its console).
 *
 * Behaviour follows Cognito's: an unknown user is UserNotFoundException, a confirmed one
 * InvalidParameterException "User is already confirmed."; otherwise a new code replaces the old
 * one (the old one stops working) and is delivered as the `ResendCode` message.
 * AdminUserGlobalSignOut invalidates every refresh token the user holds, so refreshing with any
 * of them fails from then on (NotAuthorizedException), as in Cognito; an unknown user is
 * UserNotFoundException. (Cognito also refuses the user's access tokens at its own APIs; the
 * API's authorizer checks signatures only, which is why the API keeps its own revoke-before
 * marker.) Plain CommonJS
 * because cognito-local runs under Node, which cannot load TypeScript.
 */
const { Targets } = require("cognito-local/lib/targets/targets");
const { InvalidParameterError, UserNotFoundError } = require("cognito-local/lib/errors");
const { selectAppropriateDeliveryMethod } = require("cognito-local/lib/services/messageDelivery/deliveryMethod");

// A later cognito-local that implements it itself wins.
Targets.ResendConfirmationCode ??= ({ cognito, clock, messages, otp }) => async (ctx, req) => {
  const userPool = await cognito.getUserPoolForClientId(ctx, req.ClientId);
  const user = await userPool.getUserByUsername(ctx, req.Username);
  if (!user) throw new UserNotFoundError();
  if (user.UserStatus === "CONFIRMED") throw new InvalidParameterError("User is already confirmed.");
  const deliveryDetails = selectAppropriateDeliveryMethod(userPool.options.AutoVerifiedAttributes ?? [], user);
  if (!deliveryDetails) throw new InvalidParameterError("User has no attribute matching desired auto verified attributes");
  const code = otp();
  await messages.deliver(ctx, "ResendCode", req.ClientId, userPool.options.Id, user, code, req.ClientMetadata, deliveryDetails);
  await userPool.saveUser(ctx, { ...user, UserLastModifiedDate: clock.get(), ConfirmationCode: code });
  return { CodeDeliveryDetails: deliveryDetails };
};

Targets.AdminUserGlobalSignOut ??= ({ cognito, clock }) => async (ctx, req) => {
  const userPool = await cognito.getUserPool(ctx, req.UserPoolId);
  const user = await userPool.getUserByUsername(ctx, req.Username);
  if (!user) throw new UserNotFoundError();
  await userPool.saveUser(ctx, { ...user, RefreshTokens: [], UserLastModifiedDate: clock.get() });
  return {};
};
