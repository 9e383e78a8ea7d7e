export { countAll, read, type CountResult, type SalesCounter } from "./counters";
export { salesQuerySchema, MAX_RANGE_DAYS, MAX_SALES_PAGE, type SalesQuery } from "./schema";
