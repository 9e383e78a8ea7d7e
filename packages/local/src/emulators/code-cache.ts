import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const LOADER = fileURLToPath(new URL("./code-cache-loader.cjs", import.meta.url));
const require = createRequire(import.meta.url);

/** Where V8's code caches of the emulators' programs are kept, beside the packages. */
const CACHE_DIR = join(dirname(require.resolve("kinesis-local/package.json")), "..", ".cache", "v8-code");

/**
 * `node`'s arguments (after its flags) to run `program` with a code cache made after warm-up
 * (./code-cache-loader.cjs). `prelude` runs first, in the same process.
 * `EMPORIUM_CODE_CACHE=off` runs it as `node program` does, neither using nor making a cache
 * (the runtime bench's first start of a machine).
 */
export function withCodeCache(program: string, prelude = ""): string[] {
  if (process.env.EMPORIUM_CODE_CACHE === "off") return prelude ? ["-e", `${prelude}\nrequire(process.argv[1]);`, program] : [program];
  return ["-e", `${prelude}\nrequire(${JSON.stringify(LOADER)}).run(process.argv[1], ${JSON.stringify(CACHE_DIR)});`, program];
}
