import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/**
 * Where each stream mapping has got to on each shard: the sequence number of the last record
 * it is done with (delivered, given up or filtered out). Lambda keeps this per event-source
 * mapping, so after a restart a mapping resumes after it instead of at its starting position.
 *
 * Kept in one JSON file, rewritten whole (write, then rename, so a crash leaves the old file
 * or the new one, never half of one). Keys name the mapping, the stream as its emulator knows
 * it (DynamoDB's stream ARN carries the stream's creation time, so a recreated table starts
 * afresh) and the shard.
 */
export class CheckpointStore {
  private readonly positions: Record<string, string>;

  constructor(private readonly file?: string) {
    this.positions = file ? load(file) : {};
  }

  get(key: string): string | undefined {
    return this.positions[key];
  }

  set(key: string, sequenceNumber: string): void {
    if (this.positions[key] === sequenceNumber) return;
    this.positions[key] = sequenceNumber;
    if (!this.file) return;
    mkdirSync(dirname(this.file), { recursive: true });
    writeFileSync(`${this.file}.tmp`, JSON.stringify(this.positions, null, 1));
    renameSync(`${this.file}.tmp`, this.file);
  }

  delete(key: string): void {
    if (!(key in this.positions)) return;
    delete this.positions[key];
    if (this.file) writeFileSync(this.file, JSON.stringify(this.positions, null, 1));
  }
}

function load(file: string): Record<string, string> {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw new Error(`the stream checkpoints in ${file} cannot be read (delete the file to start over): ${(error as Error).message}`);
  }
}
