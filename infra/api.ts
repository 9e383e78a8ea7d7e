import { nodeBuild } from "../packages/functions/src/build";
import { defaults, routeEntries, type Link } from "../packages/functions/src/manifest";
import { cursorSecret, table } from "./storage";
import { client, userPool } from "./auth";

/**
 * How functions are bundled: the shared options of packages/functions/src/build.ts (ESM,
 * minified, the AWS SDK's ESM builds); SST adds the rest (platform, target, banner, externals).
 */
const nodejs: sst.aws.FunctionArgs["nodejs"] = {
  format: nodeBuild.format,
  minify: nodeBuild.minify,
  esbuild: {
    mainFields: [...nodeBuild.mainFields],
  },
};

const region = aws.getRegionOutput().region;

export const api = new sst.aws.ApiGatewayV2("Api");

export const authorizer = api.addAuthorizer({
  name: "cognito",
  jwt: {
    issuer: $interpolate`https://cognito-idp.${region}.amazonaws.com/${userPool.id}`,
    audiences: [client.id],
  },
});

/** Manifest link names → the components that carry them (`Resource.<Name>` in handlers). */
const linkables = {
  Table: table,
  CursorSecret: cursorSecret,
  UserPool: userPool,
  UserPoolClient: client,
} satisfies Record<Link, unknown>;

export const routes = Object.fromEntries(
  routeEntries().map(([routeKey, spec]) => [
    routeKey,
    api.route(
      routeKey,
      {
        handler: spec.handler,
        memory: spec.memory ?? defaults.memory,
        timeout: spec.timeout ?? defaults.timeout,
        architecture: defaults.architecture,
        runtime: defaults.runtime,
        link: spec.links.map((name) => linkables[name]),
        nodejs,
      },
      {
        // Stable logical names (ApiRoute<Name>, ApiRoute<Name>Handler) instead of route hashes.
        name: spec.name,
        ...(spec.auth === "public" ? {} : { auth: { jwt: { authorizer: authorizer.id } } }),
      },
    ),
  ]),
);
