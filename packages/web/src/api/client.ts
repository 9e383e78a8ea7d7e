import createClient from "openapi-fetch";
import { accessToken } from "../session/token";
import type { paths } from "./schema";

/**
 * The one API client. Its types come from the API's OpenAPI document (./schema.d.ts, generated);
 * it calls `/api` on the page's own origin, so no request needs CORS and the refresh cookie
 * (scoped to /api/auth) travels with the auth calls.
 */
export const api = createClient<paths>({ baseUrl: "/api" });

api.use({
  onRequest({ request }) {
    const token = accessToken();
    if (token && !request.headers.has("authorization")) request.headers.set("authorization", `Bearer ${token}`);
    return request;
  },
});
