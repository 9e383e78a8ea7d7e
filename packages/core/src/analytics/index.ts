export { count, read, type SalesCounter } from "./counters";
export { salesQuerySchema, type SalesQuery } from "./schema";
