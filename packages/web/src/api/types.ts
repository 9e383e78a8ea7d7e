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

// Admin representations.
type JsonBody<Operation> = Operation extends { requestBody?: { content: { "application/json": infer Body } } } ? Body : never;

export type NewProduct = JsonBody<paths["/products"]["post"]>;
export type NewImage = JsonBody<paths["/products/{id}/images"]["post"]>;
export type ImageUploadTicket = Json<paths["/products/{id}/images"]["post"]["responses"][201]>;
export type OrderSearchStatus = NonNullable<paths["/orders"]["get"]["parameters"]["query"]>["status"];
export type SalesRow = Json<paths["/analytics/sales"]["get"]["responses"][200]>["items"][number];
export type ApiKey = Json<paths["/api-keys"]["get"]["responses"][200]>["items"][number];
export type ApiKeyScope = ApiKey["scopes"][number];
export type NewApiKey = JsonBody<paths["/api-keys"]["post"]>;
export type CreatedApiKey = Json<paths["/api-keys"]["post"]["responses"][201]>;
export type User = Json<paths["/users"]["get"]["responses"][200]>["items"][number];
export type UserRole = User["role"];
export type ExportJob = Json<paths["/exports/{id}"]["get"]["responses"][200]>;
export type NewExport = JsonBody<paths["/exports/orders"]["post"]>;
