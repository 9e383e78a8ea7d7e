/**
 * Users: a Cognito user pool signing in by email, one app client for the API, and the two
 * groups the API authorises by (`admin`, `customer`).
 */
export const userPool = new sst.aws.CognitoUserPool("UserPool", {
  usernames: ["email"],
  transform: {
    userPool: (args) => {
      args.passwordPolicy = {
        minimumLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireNumbers: true,
        requireSymbols: true,
        temporaryPasswordValidityDays: 7,
      };
      args.deletionProtection = $app.stage === "production" ? "ACTIVE" : "INACTIVE";
      return undefined;
    },
  },
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
      args.accessTokenValidity = 60;
      args.idTokenValidity = 60;
      args.refreshTokenValidity = 30;
      args.tokenValidityUnits = { accessToken: "minutes", idToken: "minutes", refreshToken: "days" };
      return undefined;
    },
  },
});

/** Groups the API authorises by (read from the access token's `cognito:groups` claim). */
export const adminGroup = new aws.cognito.UserGroup("UserPoolGroupAdmin", {
  userPoolId: userPool.id,
  name: "admin",
  description: "Administrators: manage the catalogue and all orders",
  precedence: 0,
});

export const customerGroup = new aws.cognito.UserGroup("UserPoolGroupCustomer", {
  userPoolId: userPool.id,
  name: "customer",
  description: "Customers: their own profile and orders",
  precedence: 10,
});
