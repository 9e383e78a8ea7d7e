import * as v from "valibot";
import { emailSchema, passwordSchema } from "./policy";

/** What the account flows (./accounts.ts) take, and the session they hand out. */
const codeSchema = v.pipe(v.string(), v.trim(), v.regex(/^\d{6}$/, "must be the 6-digit code"));

export const signUpSchema = v.strictObject({
  email: emailSchema,
  password: passwordSchema,
  name: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxCodePoints(200))),
});
export const confirmSignUpSchema = v.strictObject({ email: emailSchema, code: codeSchema });
/**
 * `session: "cookie"` is how the web app asks for a cookie session: the refresh token travels
 * in an HttpOnly cookie instead of the JSON body (the API's HTTP layer handles the cookie).
 * Machine clients leave it out and keep the refresh token in the body.
 */
const cookieSession = v.literal("cookie");
const refreshTokenSchema = v.pipe(v.string(), v.minLength(1), v.maxLength(8192));

export const logInSchema = v.strictObject({
  email: emailSchema,
  password: v.pipe(v.string(), v.minLength(1), v.maxLength(256)),
  session: v.optional(cookieSession),
});
/** Where the refresh token is: in the body, or (`session: "cookie"`) in the refresh cookie. Never both. */
const refreshTokenSource = v.union(
  [v.strictObject({ refreshToken: refreshTokenSchema }), v.strictObject({ session: cookieSession })],
  'send either "refreshToken" or "session": "cookie"',
);
export const refreshSchema = refreshTokenSource;
export const logOutSchema = refreshTokenSource;
export const forgotPasswordSchema = v.strictObject({ email: emailSchema });
export const resendConfirmationSchema = v.strictObject({ email: emailSchema });
export const confirmForgotPasswordSchema = v.strictObject({ email: emailSchema, code: codeSchema, password: passwordSchema });

/** The tokens a sign-in or refresh hands out (the refresh token only where the pool issues one). */
export const sessionSchema = v.object({
  accessToken: v.string(),
  idToken: v.string(),
  refreshToken: v.optional(v.string()),
  expiresIn: v.number(),
  tokenType: v.literal("Bearer"),
});
export type Session = v.InferOutput<typeof sessionSchema>;
