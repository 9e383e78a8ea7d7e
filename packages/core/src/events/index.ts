export { orderEventSchema, readOrderEvent, ORDER_EVENT_TYPES, type OrderEvent, type OrderEventType } from "./contract";
export { eventsFromOrderChange } from "./from-order-change";
export { publishOrderEvents } from "./publish";
export { packForStream, readStreamRecord, MAX_STREAM_RECORD_BYTES } from "./stream-records";
