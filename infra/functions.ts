import { nodeBuild } from "../packages/functions/src/build";
import { paymentProviderFor } from "../packages/core/src/fulfilment/providers";
import { defaults, type FunctionSpec, type Link, type Setting } from "../packages/functions/src/manifest";
import { authIpLimitScale, orderHoldMinutes } from "./config";

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

/**
 * Active tracing sends segments to X-Ray with the function's own role, which SST gives only
 * basic execution (logs): without these the traces are silently dropped. X-Ray has no
 * resource-level permissions, hence `*`.
 */
const tracing = { actions: ["xray:PutTraceSegments", "xray:PutTelemetryRecords"], resources: ["*"] };

/**
 * The stage configuration a function reads (its manifest `settings`). Computing the payment
 * provider throws in production when none is configured, so such a deploy stops at program time.
 */
function settingsEnvironment(settings: readonly Setting[] = []): Record<string, string> {
  const values: Record<Setting, () => string> = {
    PAYMENT_PROVIDER: () => paymentProviderFor($app.stage, process.env.EMPORIUM_PAYMENT_PROVIDER),
    ORDER_HOLD_MINUTES: () => String(orderHoldMinutes),
    AUTH_IP_LIMIT_SCALE: () => String(authIpLimitScale),
  };
  return Object.fromEntries(settings.map((setting) => [setting, values[setting]()]));
}

/**
 * Function arguments for a manifest entry. `linkables` maps link names to components; a
 * function can reach exactly what its entry links, nothing else, plus what `extra.permissions`
 * adds (kept alongside tracing's, never replacing it).
 */
export function functionArgs(
  spec: FunctionSpec,
  linkables: Partial<Record<Link, unknown>>,
  extra: Partial<sst.aws.FunctionArgs> = {},
): sst.aws.FunctionArgs {
  return {
    handler: spec.handler,
    memory: spec.memory ?? defaults.memory,
    timeout: spec.timeout ?? defaults.timeout,
    architecture: defaults.architecture,
    runtime: defaults.runtime,
    link: spec.links.map((name) => {
      const component = linkables[name];
      if (!component) throw new Error(`${spec.name} links ${name}, which is not available here`);
      return component as any;
    }),
    nodejs,
    ...(spec.settings?.length ? { environment: settingsEnvironment(spec.settings) } : {}),
    // X-Ray active tracing, sampled by the account's sampling rules (by default the first
    // request each second and 5% of the rest), with the AWS SDK calls each traced request makes.
    transform: {
      function: (args) => {
        args.tracingConfig = { mode: "Active" };
        return undefined;
      },
    },
    ...extra,
    permissions: $output(extra.permissions ?? []).apply((permissions) => [tracing, ...permissions]),
  };
}
