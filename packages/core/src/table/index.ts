export { tableDefinition, idempotencyTableDefinition, type TableDefinition, type TableShape, type GlobalIndexName } from "./definition";
export { documentClient, dynamodbClient, tableName } from "./client";
export { isConditionalCheckFailure, tableUnavailability, transactionCancellationReasons } from "./errors";
export { pingTable } from "./health";
export { queryPage, type PageQuery } from "./page";
export { claim, release, markerItem, markerKey } from "./markers";
export { retryLostRaces, LOST_RACE } from "./retry";
