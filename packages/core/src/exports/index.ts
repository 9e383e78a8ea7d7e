// Imported as a namespace (`import * as Exports`), which lets bundlers drop what a handler does not call.
export * from "./service";
export { newExportSchema, exportJobSchema, exportReportSchema, MAX_EXPORT_ROWS, type ExportJob, type ExportReport, type NewExport } from "./schema";
export { ExportFailure } from "./failure";
export { csvChunks, streamToS3, PART_BYTES } from "./writer";
export { ORDER_CSV_HEADER } from "./csv";
