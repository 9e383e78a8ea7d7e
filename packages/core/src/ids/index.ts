import { monotonicFactory } from "ulid";

/** Sortable ids: lexical order is creation order, which the table's sort keys rely on. */
export const newId: () => string = monotonicFactory();
