export { countAll, read, type CountResult, type SalesCounter } from "./counters";
export { salesQuerySchema, type SalesQuery } from "./schema";
