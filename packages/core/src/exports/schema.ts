import * as v from "valibot";
import { ORDER_STATUSES, type OrderStatus } from "../orders/lifecycle";

export type ExportStatus = "QUEUED" | "RUNNING" | "DONE" | "FAILED";

export interface ExportJob {
  id: string;
  status: ExportStatus;
  filter: { status?: OrderStatus; from?: string; to?: string };
  /** The most rows this export may have; beyond it the job fails rather than write a partial file. */
  maxRows?: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  rows?: number;
  objectKey?: string;
  /** Why a FAILED job failed, for the admin who asked for it. */
  failureReason?: string;
}

/** The hard ceiling of one export's rows; a job may ask for a lower one. */
export const MAX_EXPORT_ROWS = 1_000_000;

const bound = v.union([v.pipe(v.string(), v.isoDate()), v.pipe(v.string(), v.isoTimestamp())], "must be an ISO 8601 date or timestamp");

/** What to export: orders, optionally of one status and within dates. */
export const newExportSchema = v.strictObject({
  status: v.optional(v.picklist(ORDER_STATUSES, `must be one of ${ORDER_STATUSES.join(", ")}`)),
  from: v.optional(bound),
  to: v.optional(bound),
  maxRows: v.optional(v.pipe(v.number(), v.integer("must be an integer"), v.minValue(1), v.maxValue(MAX_EXPORT_ROWS))),
});
export type NewExport = v.InferOutput<typeof newExportSchema>;
