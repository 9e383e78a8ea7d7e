export { startWebOrigin, type WebOrigin, type WebOriginOptions } from "./origin";
