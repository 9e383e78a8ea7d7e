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
 *
 * It also makes cognito-local's saves safe (below): a pool's file is written whole, one save
 * after another.
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

/*
 * cognito-local keeps each pool in a JSON file that it reads only when it starts, and writes
 * the whole pool to it on every change with `fs.writeFile`, from as many saves at once as there
 * are requests. Two saves at once can both be writing the file, and a shorter one landing over a
 * longer one leaves the longer one's tail behind: invalid JSON, and cognito-local then refuses
 * to start on that folder ("Failed to load StormDB database file"; 5 runs of 5 with sign-ins
 * and global sign-outs six at a time). A stop in the middle of a write truncates it likewise.
 * So each store's saves go one after another, each written aside and renamed over the file,
 * which is then always one whole save: the latest.
 */
const { rename, writeFile } = require("node:fs/promises");
const { StormDBDataStore } = require("cognito-local/lib/services/dataStore/stormDb");

function saveInTurn(engine) {
  if (engine.savesInTurn) return;
  engine.savesInTurn = true;
  let previous = Promise.resolve();
  engine.write = (data) => {
    const text = engine.serialize(data); // the store as it is now, as the original write takes it
    const saved = previous.then(async () => {
      await writeFile(`${engine.path}.partial`, text);
      await rename(`${engine.path}.partial`, engine.path);
    });
    previous = saved.catch(() => undefined);
    return saved;
  };
}

for (const method of ["set", "delete"]) {
  const original = StormDBDataStore.prototype[method];
  StormDBDataStore.prototype[method] = function (...args) {
    saveInTurn(this.db.engine);
    return original.apply(this, args);
  };
}
