import { readdirSync, readFileSync } from "node:fs";

export interface ProcessMemory {
  pid: number;
  command: string;
  rssBytes: number;
}

/** `pid` and every process below it, with resident memory, from /proc (Linux). */
export function processTree(pid: number): ProcessMemory[] {
  const seen: ProcessMemory[] = [];
  const visit = (current: number) => {
    const status = read(`/proc/${current}/status`);
    if (!status) return;
    const rssKb = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0);
    const command = (read(`/proc/${current}/cmdline`) ?? "").split("\0").filter(Boolean);
    seen.push({ pid: current, command: describe(command), rssBytes: rssKb * 1024 });
    for (const child of children(current)) visit(child);
  };
  visit(pid);
  return seen;
}

function children(pid: number): number[] {
  let tasks: string[] = [];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  return tasks.flatMap((task) => (read(`/proc/${pid}/task/${task}/children`) ?? "").split(" ").filter(Boolean).map(Number));
}

function read(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

/** A short name: the program and what it runs (a jar, a script), not every argument. */
function describe(argv: string[]): string {
  const program = argv[0]?.split("/").at(-1) ?? "?";
  const jar = argv.find((arg) => arg.endsWith(".jar"));
  if (jar) return `${program} -jar ${jar.split("/").at(-1)}`;
  // A preloaded module (`--require x.js`) is not what the process runs.
  const script = argv.slice(1).find((arg, i) => (/\.(m?js|cjs|ts)$/.test(arg) && !["--require", "-r"].includes(argv[i]!)) || arg === "run");
  const rest = script === "run" ? argv.slice(argv.indexOf("run")).join(" ") : script?.split("/").slice(-3).join("/");
  return rest ? `${program} ${rest}` : program;
}
