/** The cost meter's public face (the clients themselves are internal to the domains that use them). */
export { metered, METER_FLAG, METER_MARK, type MeterLine } from "./meter";
