import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/**
 * The web app's build. It knows nothing about where the API is: pages call `/api/*` on their
 * own origin, which CloudFront (deployed) or packages/local's web origin (offline) routes to
 * the API. Admin pages are a lazily loaded chunk (src/app.tsx), so shoppers never download them.
 */
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { target: "es2022" },
});
