import * as v from "valibot";
import { ORDER_STATUSES } from "../orders/lifecycle";
import { timestampSchema } from "../validation";

export const EXPORT_STATUSES = ["QUEUED", "RUNNING", "DONE", "FAILED"] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];

/** An export job as it is stored. */
export const exportJobSchema = v.object({
  id: v.string(),
  status: v.picklist(EXPORT_STATUSES),
  filter: v.object({ status: v.optional(v.picklist(ORDER_STATUSES)), from: v.optional(v.string()), to: v.optional(v.string()) }),
  createdBy: v.string(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
  rows: v.optional(v.number()),
  objectKey: v.optional(v.string()),
  /** The most rows this export may have; beyond it the job fails rather than write a partial file. */
  maxRows: v.optional(v.pipe(v.number(), v.integer())),
  /** Why a FAILED job failed, for the admin who asked for it. */
  failureReason: v.optional(v.string()),
});
export type ExportJob = v.InferOutput<typeof exportJobSchema>;

/** A job as its status is reported: a finished one with a short-lived link to its file. */
export const exportReportSchema = v.object({
  ...exportJobSchema.entries,
  downloadUrl: v.optional(v.pipe(v.string(), v.url())),
  downloadExpiresAt: v.optional(timestampSchema),
});
export type ExportReport = v.InferOutput<typeof exportReportSchema>;

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
