import { passwordPolicy, refreshTokenValidityDays, userGroups } from "../packages/core/src/identity/policy";
import { triggers } from "../packages/functions/src/manifest";
import { emailIdentityArn, emailSender } from "./email";
import { functionArgs } from "./functions";
import { linkables } from "./links";

/**
 * Users: a Cognito user pool signing in by email, one app client for the API, and the two
 * groups the API authorises by (`admin`, `customer`).
 */

/**
 * Puts confirmed users in `customer` and creates their profile (it gets the pool id from the
 * event). Made apart from the pool, which names it as a trigger, so that its role can be
 * granted that pool alone once the pool exists (below): a role inside the pool's definition
 * could only name every pool of the account.
 */
const postConfirmation = new sst.aws.Function(triggers.PostConfirmation.name, functionArgs(triggers.PostConfirmation, linkables));

export const userPool = new sst.aws.CognitoUserPool("UserPool", {
  usernames: ["email"],
  triggers: { postConfirmation: postConfirmation.arn },
  transform: {
    userPool: (args) => {
      args.passwordPolicy = {
        minimumLength: passwordPolicy.minLength,
        requireLowercase: passwordPolicy.requireLowercase,
        requireUppercase: passwordPolicy.requireUppercase,
        requireNumbers: passwordPolicy.requireDigits,
        requireSymbols: passwordPolicy.requireSymbols,
        temporaryPasswordValidityDays: 7,
      };
      args.deletionProtection = $app.stage === "production" ? "ACTIVE" : "INACTIVE";
      // Sign-up codes and password resets go through SES from the stage's verified identity:
      // Cognito's own sender allows only a few dozen e-mails a day. With DEVELOPER, Cognito
      // sends through its service-linked role (AWSServiceRoleForAmazonCognitoIdpEmailService,
      // created on first use), so the identity needs no sending-authorization policy; the
      // identity is in the pool's region (pinned in sst.config.ts).
      args.emailConfiguration = { emailSendingAccount: "DEVELOPER", sourceArn: emailIdentityArn, fromEmailAddress: `Emporium <${emailSender}>` };
      return undefined;
    },
  },
});

/** The trigger's group changes, on its own pool only. */
export const postConfirmationPoolAccess = new aws.iam.RolePolicy(`${triggers.PostConfirmation.name}PoolAccess`, {
  role: postConfirmation.nodes.role.name,
  policy: $jsonStringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: ["cognito-idp:AdminAddUserToGroup", "cognito-idp:AdminRemoveUserFromGroup"], Resource: userPool.arn }],
  }),
});

/**
 * The API's app client. `addClient` creates a top-level (unparented) CognitoUserPoolClient
 * named "UserPoolClient", so it links as `Resource.UserPoolClient` ({ id, secret }).
 * No client secret: the API is called by public clients.
 */
export const client = userPool.addClient("UserPoolClient", {
  transform: {
    client: (args) => {
      args.explicitAuthFlows = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"];
      args.generateSecret = false;
      args.preventUserExistenceErrors = "ENABLED";
      // Logout revokes refresh tokens (RevokeToken); the web app's refresh cookie lasts as long as they do.
      args.enableTokenRevocation = true;
      args.refreshTokenValidity = refreshTokenValidityDays;
      args.tokenValidityUnits = { accessToken: "hours", idToken: "hours", refreshToken: "days" };
      return undefined;
    },
  },
});

/**
 * Groups the API authorises by (read from the access token's `cognito:groups` claim); the
 * offline runtime creates the same list. Lower precedence wins, so `admin` comes first.
 */
export const groups = userGroups.map(
  (name, precedence) =>
    new aws.cognito.UserGroup(`UserPoolGroup${name[0]!.toUpperCase()}${name.slice(1)}`, {
      userPoolId: userPool.id,
      name,
      precedence,
    }),
);
