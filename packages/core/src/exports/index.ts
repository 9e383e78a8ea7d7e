// Imported as a namespace (`import * as Exports`), which lets bundlers drop what a handler does not call.
export * from "./service";
export { newExportSchema, type ExportJob, type NewExport } from "./schema";
export { ORDER_CSV_HEADER } from "./csv";
