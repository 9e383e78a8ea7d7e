export { countAll, read, type CountResult } from "./counters";
export { salesQuerySchema, salesCounterSchema, salesPageSchema, MAX_RANGE_DAYS, MAX_SALES_PAGE, type SalesCounter, type SalesQuery } from "./schema";
