/** What a bundle is made of, from esbuild's metafile: output bytes per package or source dir. */
import type { Metafile } from "esbuild";

/** `node_modules/@scope/name/...` → `@scope/name`; `packages/core/src/x/...` → `packages/core/src/x`. */
export function groupOf(input: string): string {
  const nm = input.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const parts = input.slice(nm + "node_modules/".length).split("/");
    return parts[0]!.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  const parts = input.split("/");
  return parts.slice(0, Math.min(parts.length - 1, 4)).join("/") || input;
}

/** Bytes each group contributes to the outputs (a bundle's: what loads at init), largest first. */
export function composition(metafile: Metafile): Map<string, number> {
  const groups = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const group = groupOf(input);
      groups.set(group, (groups.get(group) ?? 0) + bytesInOutput);
    }
  }
  return new Map([...groups].sort((a, b) => b[1] - a[1]));
}

/** Groups a bundle has beyond `baseline` (or more of), by extra bytes, largest first. */
export function extraOver(metafile: Metafile, baseline: Metafile): [string, number][] {
  const base = composition(baseline);
  return [...composition(metafile)]
    .map(([group, bytes]): [string, number] => [group, bytes - (base.get(group) ?? 0)])
    .filter(([, extra]) => extra > 0)
    .sort((a, b) => b[1] - a[1]);
}
