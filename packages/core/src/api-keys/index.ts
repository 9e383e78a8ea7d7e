// Imported as a namespace (`import * as ApiKeys`), which lets bundlers drop what a handler does not call.
export * from "./service";
export { newApiKeySchema, apiKeySchema, apiKeysPageSchema, createdApiKeySchema, type ApiKey, type CreatedApiKey, type NewApiKey } from "./schema";
