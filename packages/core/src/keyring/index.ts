/**
 * Versioned secrets, so a secret can be rotated without a moment when every API key or cursor
 * stops working. An `sst.Secret` holding keys this way lists its versions, current first:
 *
 *   v2:<new key>,v1:<old key>
 *
 * New hashes and signatures use the current (first) version and name it; checks use whichever
 * version they name, as long as it is still listed. Removing a version retires it: whatever was
 * made under it stops being accepted. A value without version labels is version v1, so a plain
 * secret set before versioning existed keeps working and becomes `v1` of the first rotation.
 */
export interface SecretVersion {
  id: string;
  key: string;
}

export interface Keyring {
  current: SecretVersion;
  /** Every active version, current first. */
  versions: readonly SecretVersion[];
  get(id: string): string | undefined;
}

const VERSIONED = /^v\d{1,6}:[^,]+(,v\d{1,6}:[^,]+)*$/;

function parse(value: string): Keyring {
  const versions: SecretVersion[] = VERSIONED.test(value)
    ? value.split(",").map((entry) => {
        const colon = entry.indexOf(":");
        return { id: entry.slice(0, colon), key: entry.slice(colon + 1) };
      })
    : [{ id: "v1", key: value }];
  // A misconfigured secret is a deploy fault, not something to limp along with.
  if (versions.some((version) => version.key.length < 16)) throw new Error("Each secret version must be at least 16 characters long.");
  if (new Set(versions.map((version) => version.id)).size !== versions.length) throw new Error("A secret lists the same version twice.");
  const byId = new Map(versions.map((version) => [version.id, version.key]));
  return { current: versions[0]!, versions, get: (id) => byId.get(id) };
}

const parsed = new Map<string, Keyring>();

/** The keyring in a secret's value (parsed once per distinct value). */
export function keyring(value: string): Keyring {
  let ring = parsed.get(value);
  if (!ring) {
    ring = parse(value);
    parsed.set(value, ring);
  }
  return ring;
}
