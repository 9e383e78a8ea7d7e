/**
 * Deploy-time settings: what the deploying environment (the deploy workflows' secrets, or your
 * shell) must provide per stage. Plain data and one pure reader with no SST globals, so the
 * deploy-workflow test checks the same list infra/config.ts enforces.
 */
export const settingNames = {
  /** The API's custom domain in production, or `none` to say on purpose that it has none. */
  apiDomain: "EMPORIUM_API_DOMAIN",
  /** The ACM certificate (ARN) of that domain; required with a domain. */
  apiCertArn: "EMPORIUM_API_CERT_ARN",
  /** The web app's custom domain (the router: site and `/api`) in production, or `none`. */
  webDomain: "EMPORIUM_WEB_DOMAIN",
  /** Its ACM certificate (ARN), which CloudFront requires in us-east-1; required with a domain. */
  webCertArn: "EMPORIUM_WEB_CERT_ARN",
  /** Warm instances for the routes the manifest marks `warm` (production only; 0 when unset). */
  provisionedConcurrency: "EMPORIUM_PROVISIONED_CONCURRENCY",
  /** Who the Alarms topic e-mails: required in production, optional elsewhere. */
  oncallEmail: "EMPORIUM_ONCALL_EMAIL",
  /** The payment port's adapter (packages/core/src/fulfilment/providers.ts); never the simulator in production. */
  paymentProvider: "EMPORIUM_PAYMENT_PROVIDER",
  /** How long an order may stay PENDING before it expires, in minutes (15 when unset). */
  orderHoldMinutes: "EMPORIUM_ORDER_HOLD_MINUTES",
  /** How many times the account flows' per-IP attempt limits this stage allows (1 when unset). */
  authIpLimitScale: "EMPORIUM_AUTH_IP_LIMIT_SCALE",
  /** The address order e-mails and Cognito's messages come from (see infra/email.ts). */
  emailSender: "EMPORIUM_EMAIL_SENDER",
} as const;

type SettingName = (typeof settingNames)[keyof typeof settingNames];

/** A production deploy without one of these fails before it changes anything. */
export const requiredInProduction: readonly SettingName[] = [
  settingNames.apiDomain,
  settingNames.webDomain,
  settingNames.oncallEmail,
  settingNames.emailSender,
  settingNames.paymentProvider,
];
/** Every other stage needs a sender too: it sends from an identity verified beforehand. */
export const requiredInOtherStages: readonly SettingName[] = [settingNames.emailSender];

export interface DeploySettings {
  apiDomain?: { name: string; cert: string };
  webDomain?: { name: string; cert: string };
  provisionedConcurrency: number;
  oncallEmail?: string;
  emailSender: string;
}

const address = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

/**
 * Reads and checks the settings of `stage`; throws one error naming every missing or malformed
 * setting, so a deploy fails at once with everything to fix instead of half-deploying.
 */
export function readDeploySettings(stage: string, env: Record<string, string | undefined>): DeploySettings {
  const production = stage === "production";
  const problems: string[] = [];
  // An empty value is a missing one: GitHub expands an unset secret to "".
  const value = (name: SettingName) => env[name]?.trim() || undefined;

  for (const name of production ? requiredInProduction : requiredInOtherStages) {
    if (!value(name)) problems.push(`${name} is not set`);
  }
  for (const name of [settingNames.oncallEmail, settingNames.emailSender]) {
    const given = value(name);
    if (given && !address.test(given)) problems.push(`${name} must be an e-mail address, got "${given}"`);
  }

  /** A production domain with its certificate, or none when the setting says `none`. */
  const domainOf = (domainName: SettingName, certName: SettingName, certRegion: RegExp) => {
    const domain = value(domainName);
    if (!production || !domain || domain === "none") return undefined;
    const cert = value(certName);
    if (!cert) problems.push(`${certName} is not set (required with ${domainName}=${domain})`);
    else if (!/^arn:aws:acm:[a-z0-9-]+:\d{12}:certificate\/.+$/.test(cert)) problems.push(`${certName} must be an ACM certificate ARN, got "${cert}"`);
    else if (!certRegion.test(cert)) problems.push(`${certName} must be a certificate in us-east-1, where CloudFront reads certificates; got "${cert}"`);
    return { name: domain, cert: cert ?? "" };
  };
  const apiDomain = domainOf(settingNames.apiDomain, settingNames.apiCertArn, /./);
  const webDomain = domainOf(settingNames.webDomain, settingNames.webCertArn, /^arn:aws:acm:us-east-1:/);

  let provisionedConcurrency = 0;
  const concurrency = value(settingNames.provisionedConcurrency);
  if (production && concurrency !== undefined) {
    provisionedConcurrency = Number(concurrency);
    if (!Number.isInteger(provisionedConcurrency) || provisionedConcurrency < 0) {
      problems.push(`${settingNames.provisionedConcurrency} must be a whole number ≥ 0, got "${concurrency}"`);
    }
  }

  if (problems.length > 0) {
    throw new Error(
      `Deploy settings for stage ${stage}:\n- ${problems.join("\n- ")}\n` +
        `Set them in the deploying environment (the workflow's environment secrets, or your shell); see README, "Production settings".`,
    );
  }
  return { apiDomain, webDomain, provisionedConcurrency, oncallEmail: value(settingNames.oncallEmail), emailSender: value(settingNames.emailSender)! };
}

/**
 * What a stage runs on, decided by its name alone (no setting to forget): production pays for
 * capacity that scales by itself and releases API functions as a canary; every other stage
 * (personal stages and the pull requests' `pr-<n>`) runs on the cheapest fixed capacity, since
 * it only ever carries a developer's or a smoke test's traffic.
 */
export interface StageCapacity {
  /** Kinesis streams: on-demand (a fixed charge per stream-hour, scales by itself) or provisioned shards (charged per shard-hour). */
  streams: { mode: "on-demand" } | { mode: "provisioned"; shards: number };
  /** The CloudWatch dashboard, a fixed monthly charge per dashboard: not for short-lived previews. */
  dashboard: boolean;
  /** Canary releases of the API functions through CodeDeploy (infra/release.ts), production only. */
  canary?: { alias: string; deploymentConfig: string };
}

/** A pull request's stage, as the preview workflow names it. */
export const previewStage = /^pr-\d+$/;

export function stageCapacity(stage: string): StageCapacity {
  if (stage === "production") {
    return {
      streams: { mode: "on-demand" },
      dashboard: true,
      // 10% of traffic for 10 minutes: the 5xx-rate alarm evaluates 5-minute periods, so at least
      // one whole period of canary traffic is judged before everything shifts.
      canary: { alias: "live", deploymentConfig: "CodeDeployDefault.LambdaCanary10Percent10Minutes" },
    };
  }
  return { streams: { mode: "provisioned", shards: 1 }, dashboard: !previewStage.test(stage) };
}
