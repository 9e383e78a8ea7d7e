import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { apiProxy } from "./api-proxy.ts";

/**
 * The web app's build. It knows nothing about where the API is: pages call `/api/*` on their
 * own origin, which CloudFront (deployed) or packages/local's web origin (offline) routes to
 * the API. Under `sst dev` the multiplexer runs `vite` with EMPORIUM_API_URL set to the stage's
 * live API (infra/web.ts), and the dev server routes `/api` there the same way.
 * Admin pages are a lazily loaded chunk (src/app.tsx), so shoppers never download them.
 */
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  ...(process.env.EMPORIUM_API_URL ? { server: { proxy: apiProxy(process.env.EMPORIUM_API_URL) } } : {}),
  build: { target: "es2022" },
});
