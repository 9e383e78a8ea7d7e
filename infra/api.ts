import { defaults, routeEntries, type Link } from "../packages/functions/src/manifest";
import { cursorSecret, table } from "./storage";
import { client, userPool } from "./auth";

/**
 * esbuild options for every Node function. SST 4.17's Node build (Go CLI,
 * pkg/runtime/node/build.go) already bundles ESM (`bundle.mjs`), platform node, target from the
 * runtime (nodejs22.x → es2023), mainFields ["module", "main"], no custom conditions, keepNames,
 * a createRequire/__filename/__dirname banner, externals ["sharp", "pg-native"]. It does NOT
 * minify unless `minify: true` is passed (the Go side reads a plain bool that defaults to false,
 * although the docs say the default is true), so say it explicitly, with mainFields pinned so
 * the AWS SDK's ESM builds are bundled even if SST's default changes.
 */
const nodejs: sst.aws.FunctionArgs["nodejs"] = {
  format: "esm",
  minify: true,
  esbuild: {
    mainFields: ["module", "main"],
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
