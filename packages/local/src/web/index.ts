export { startWebOrigin, type WebOrigin, type WebOriginOptions } from "./origin";
export { apiProxy } from "./proxy";
