import { settings } from "./config";

/**
 * The SES identity order e-mails (and Cognito's messages, infra/auth.ts) are sent from.
 *
 * SES identities belong to the account and region, not to a stage: if every stage created the
 * same one, the second stage's deploy would fail (it already exists) and removing any stage
 * would delete it from under the others. So only production creates its identity (and keeps
 * it: production retains on removal). Every other stage creates none and sends from an identity
 * verified beforehand in the account, named by EMPORIUM_EMAIL_SENDER: production's address, or
 * one a developer verified once (`aws sesv2 create-email-identity --email-identity me@…`). An
 * SES account in the sandbox delivers only to verified addresses anyway, so a personal stage
 * needs one regardless.
 */
const { region } = aws.getRegionOutput();
const { accountId } = aws.getCallerIdentityOutput();

export const emailSender = settings.emailSender;

/**
 * Sending from this account's identities (SES in the sandbox also authorises the recipients'
 * identities), and through `configurationSets` when the identity has one; never another
 * account's identities, nor anything but sending.
 */
const sending = (configurationSets: $util.Input<string>[] = []) =>
  sst.aws.permission({
    actions: ["ses:SendEmail", "ses:SendRawEmail"],
    resources: [$interpolate`arn:aws:ses:${region}:${accountId}:identity/*`, ...configurationSets],
  });

// SST's own link of an Email grants `ses:*` on it and sending from any identity of any account.
sst.Linkable.wrap(sst.aws.Email, (component) => ({
  properties: { sender: component.sender, configSet: component.configSet },
  include: [sending([component.nodes.configurationSet.arn])],
}));

const owned = $app.stage === "production" ? new sst.aws.Email("Email", { sender: emailSender }) : undefined;

/** The identity's ARN: Cognito's `sourceArn`. Production's waits for its identity to exist. */
export const emailIdentityArn: $util.Output<string> = owned
  ? owned.nodes.identity.arn
  : $interpolate`arn:aws:ses:${region}:${accountId}:identity/${emailSender}`;

/** What functions link as `Email` (`Resource.Email.sender`): production's own identity, or the one referenced. */
export const email = owned ?? new sst.Linkable("Email", { properties: { sender: emailSender, configSet: "" }, include: [sending()] });
