import * as v from "valibot";
import { ORDER_STATUSES, type OrderStatus } from "../orders/lifecycle";

export type ExportStatus = "QUEUED" | "RUNNING" | "DONE" | "FAILED";

export interface ExportJob {
  id: string;
  status: ExportStatus;
  filter: { status?: OrderStatus; from?: string; to?: string };
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  rows?: number;
  objectKey?: string;
}

const bound = v.union([v.pipe(v.string(), v.isoDate()), v.pipe(v.string(), v.isoTimestamp())], "must be an ISO 8601 date or timestamp");

/** What to export: orders, optionally of one status and within dates. */
export const newExportSchema = v.strictObject({
  status: v.optional(v.picklist(ORDER_STATUSES, `must be one of ${ORDER_STATUSES.join(", ")}`)),
  from: v.optional(bound),
  to: v.optional(bound),
});
export type NewExport = v.InferOutput<typeof newExportSchema>;
