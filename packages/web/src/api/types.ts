import type { components, paths } from "./schema";

/** Names for the representations the pages use, all taken from the generated document types. */
type Json<Response> = Response extends { content: { "application/json": infer Body } } ? Body : never;

export type Product = Json<paths["/products/{id}"]["get"]["responses"][200]>;
export type ProductPage = Json<paths["/products"]["get"]["responses"][200]>;
export type Money = Product["price"];
export type Order = Json<paths["/orders/{id}"]["get"]["responses"][200]>;
export type OrderSummary = Json<paths["/me/orders"]["get"]["responses"][200]>["items"][number];
export type OrderStatus = Order["status"];
export type Profile = Json<paths["/me"]["get"]["responses"][200]>;
export type Session = Json<paths["/auth/login"]["post"]["responses"][200]>;
export type Problem = components["schemas"]["Problem"];
export type GatewayMessage = components["schemas"]["GatewayMessage"];
