import { JwtRsaVerifier } from "aws-jwt-verify";
import { SimpleJwksCache } from "aws-jwt-verify/jwk";
import type { JwtPayload } from "aws-jwt-verify/jwt-model";
import type { JwtAuthorizerContext } from "./event";

export interface JwtAuthorizerConfig {
  issuer: string;
  audiences: string[];
}

/** Why a token was refused; API Gateway answers 401 for all of them. */
export class Unauthorized extends Error {}

/**
 * API Gateway's JWT authorizer, emulated with aws-jwt-verify: the token comes from the
 * `Authorization` header (with or without `Bearer `), its signature is checked against the
 * issuer's JWKS, and `iss`, `exp`, `nbf` and `aud` or `client_id` must match. Like API Gateway
 * it does not look at `token_use`; handlers do.
 *
 * The local issuer is cognito-local's, over http: aws-jwt-verify's default fetcher only
 * speaks https, so this one fetches the JWKS with `fetch`. That issuer's signing key is
 * public, which is why this verifier exists only in the offline runtime.
 */
export function createJwtAuthorizer(config: JwtAuthorizerConfig) {
  const verifier = JwtRsaVerifier.create(
    {
      issuer: config.issuer,
      jwksUri: `${config.issuer}/.well-known/jwks.json`,
      audience: null,
      customJwtCheck: ({ payload }) => {
        const audiences = [payload.aud, payload.client_id].flat().filter((value) => typeof value === "string");
        if (!audiences.some((audience) => config.audiences.includes(audience as string))) {
          throw new Error("token was issued for another client");
        }
      },
    },
    {
      jwksCache: new SimpleJwksCache({
        fetcher: { fetch: async (uri: string) => (await fetch(uri)).arrayBuffer() },
      }),
    },
  );

  return async function authorize(authorization: string | undefined): Promise<JwtAuthorizerContext> {
    const token = authorization?.replace(/^Bearer\s+/i, "").trim();
    if (!token) throw new Unauthorized("no token");
    let payload: JwtPayload;
    try {
      payload = await verifier.verify(token);
    } catch (error) {
      throw new Unauthorized((error as Error).message);
    }
    return { jwt: { claims: flattenClaims(payload), scopes: scopesOf(payload) } };
  };
}

/**
 * API Gateway hands claims to the integration as strings: numbers and booleans printed,
 * arrays as `[a b]`, objects as JSON.
 */
export function flattenClaims(payload: JwtPayload): Record<string, string> {
  const claims: Record<string, string> = {};
  for (const [name, value] of Object.entries(payload)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) claims[name] = `[${value.join(" ")}]`;
    else if (typeof value === "object") claims[name] = JSON.stringify(value);
    else claims[name] = String(value);
  }
  return claims;
}

function scopesOf(payload: JwtPayload): string[] | null {
  return typeof payload.scope === "string" && payload.scope !== "" ? payload.scope.split(" ") : null;
}
