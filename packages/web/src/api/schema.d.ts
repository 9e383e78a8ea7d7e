// Generated from the API's OpenAPI document by `bun run --filter @emporium/web generate`. Do not edit.

export interface paths {
    "/analytics/sales": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Sales per product and day */
        get: operations["AnalyticsSales"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** API keys, without secrets */
        get: operations["ApiKeysList"];
        put?: never;
        /** Create an API key; its secret is shown once */
        post: operations["ApiKeysCreate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an API key at once */
        delete: operations["ApiKeysRevoke"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Confirm a registration with its code */
        post: operations["AuthConfirm"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/confirm-forgot-password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set a new password with the reset code */
        post: operations["AuthConfirmForgotPassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/forgot-password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start a password reset */
        post: operations["AuthForgotPassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in: access, id and refresh tokens; with session "cookie" the refresh token is set as a cookie instead */
        post: operations["AuthLogIn"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revoke a refresh token, sent in the body or (session "cookie") as the refresh cookie, which is cleared */
        post: operations["AuthLogOut"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** New access and id tokens from a refresh token, sent in the body or (session "cookie") as the refresh cookie */
        post: operations["AuthRefresh"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/resend-confirmation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** E-mail a new confirmation code to a registration awaiting confirmation */
        post: operations["AuthResendConfirmation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/signup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Register; a confirmation code is e-mailed */
        post: operations["AuthSignUp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/docs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A browsable page of this document */
        get: operations["Docs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/exports/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An export's status and download link */
        get: operations["ExportsGet"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/exports/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Export orders as CSV (202, then poll) */
        post: operations["ExportsCreate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Report whether the table answers */
        get: operations["Health"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's profile */
        get: operations["MeGet"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Rename oneself (If-Match) */
        patch: operations["MeUpdate"];
        trace?: never;
    };
    "/me/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's orders, newest first */
        get: operations["MeOrders"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This document */
        get: operations["OpenApi"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Orders by status and date */
        get: operations["OrdersSearch"];
        put?: never;
        /** Place an order (Idempotency-Key) */
        post: operations["OrdersPlace"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/orders/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One order with its lines */
        get: operations["OrdersGet"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/orders/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a pending order (Idempotency-Key) */
        post: operations["OrdersCancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Orders by status and date, for machine clients */
        get: operations["PartnerOrders"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/products/{id}/stock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Set a product's stock level */
        put: operations["PartnerStock"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/products": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The catalogue, page by page */
        get: operations["ProductsList"];
        put?: never;
        /** Add a product */
        post: operations["ProductsCreate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/products/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One product */
        get: operations["ProductsGet"];
        /** Replace a product (If-Match) */
        put: operations["ProductsReplace"];
        post?: never;
        /** Remove a product */
        delete: operations["ProductsDelete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/products/{id}/images": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A presigned URL to upload a product image to (PUT, with the given headers) */
        post: operations["ProductImagesUpload"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/products/{id}/images/{imageId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Redirects to a short-lived link to the image */
        get: operations["ProductImagesGet"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/products/{id}/stock-audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Partner stock writes to a product and the API key behind each, newest first */
        get: operations["ProductsStockAudit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Users, page by page */
        get: operations["UsersList"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One user */
        get: operations["UsersGet"];
        put?: never;
        post?: never;
        /** Delete a user (orders stay) */
        delete: operations["UsersDelete"];
        options?: never;
        head?: never;
        /** Rename a user or change their role (If-Match) */
        patch: operations["UsersUpdate"];
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        GatewayMessage: {
            message: string;
        };
        Problem: {
            detail: string;
            errors?: {
                message: string;
                path: string;
            }[];
            requestId: string;
            status: number;
            title: string;
            type: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    AnalyticsSales: {
        parameters: {
            query: {
                cursor?: string;
                from: string;
                limit?: string;
                productId?: string;
                to: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Refused: problem details (or API Gateway's own message) */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description A fault */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        cursor: string | null;
                        items: {
                            /** Format: date */
                            day: string;
                            orders: number;
                            productId: string;
                            quantity: number;
                            revenue: {
                                amount: number;
                                currency: string;
                            };
                        }[];
                    };
                };
            };
        };
    };
    ApiKeysList: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Refused: problem details (or API Gateway's own message) */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description A fault */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        cursor: string | null;
                        items: {
                            /** Format: date-time */
                            createdAt: string;
                            createdBy: string;
                            id: string;
                            limits: {
                                burst: number;
                                daily: number;
                                rate: number;
                            };
                            name: string;
                            pepperVersion: string;
                            prefix: string;
                            revokedAt: string | null;
                            scopes: ("orders:read" | "stock:write")[];
                        }[];
                    };
                };
            };
        };
    };
    ApiKeysCreate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    limits?: {
                        burst?: number;
                        daily?: number;
                        rate?: number;
                    };
                    name: string;
                    scopes: ("orders:read" | "stock:write")[];
                };
            };
        };
        responses: {
            /** @description Refused: problem details (or API Gateway's own message) */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description A fault */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        createdAt: string;
                        createdBy: string;
                        id: string;
                        limits: {
                            burst: number;
                            daily: number;
                            rate: number;
                        };
                        name: string;
                        pepperVersion: string;
                        prefix: string;
                        revokedAt: string | null;
                        scopes: ("orders:read" | "stock:write")[];
                        secret: string;
                    };
                };
            };
        };
    };
    ApiKeysRevoke: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Refused: problem details (or API Gateway's own message) */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description A fault */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        createdAt: string;
                        createdBy: string;
                        id: string;
                        limits: {
                            burst: number;
                            daily: number;
                            rate: number;
                        };
                        name: string;
                        pepperVersion: string;
                        prefix: string;
                        revokedAt: string | null;
                        scopes: ("orders:read" | "stock:write")[];
                    };
                };
            };
        };
    };
    AuthConfirm: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    code: string;
                    /** Format: email */
                    email: string;
                };
            };
        };
        responses: {
            /** @description Refused: problem details (or API Gateway's own message) */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description A fault */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Success, no body */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AuthConfirmForgotPassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    code: string;
                    /** Format: email */
                    email: string;
                    password: string;
                };
            };
        };
        responses: {
            /** @description Refused: problem details (or API Gateway's own message) */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description A fault */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Success, no body */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AuthForgotPassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: email */
                    email: string;
                };
            };
        };
        responses: {
            /** @description Refused: problem details (or API Gateway's own message) */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description A fault */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        message: string;
                    };
                };
            };
        };
    };
    AuthLogIn: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: email */
                    email: string;
                    password: string;
                    /** @constant */
                    session?: "cookie";
                };
            };
        };
        responses: {
            /** @description Refused: problem details (or API Gateway's own message) */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description A fault */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Success */
            200: {
                headers: {
                    /** @description With "session": "cookie": emporium_refresh=<refresh token>; HttpOnly; Secure; SameSite=Strict; Path=<path>; Max-Age=<refresh token lifetime in seconds>, one cookie for each of /api/auth/refresh and /api/auth/logout */
                    "Set-Cookie"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        accessToken: string;
                        expiresIn: number;
                        idToken: string;
                        refreshToken?: string;
                        /** @constant */
                        tokenType: "Bearer";
                    };
                };
            };
        };
    };
    AuthLogOut: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: {
                /** @description The web app's refresh token, sent by the browser when the body says "session": "cookie" */
                emporium_refresh?: string;
            };
        };
        requestBody: {
            content: {
                "application/json": {
                    refreshToken: string;
                } | {
                    /** @constant */
                    session: "cookie";
                };
            };
        };
        responses: {
            /** @description Refused: problem details (or API Gateway's own message) */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description A fault */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Success, no body */
            204: {
                headers: {
                    /** @description With "session": "cookie": emporium_refresh=; Max-Age=0 with the same attributes and paths, which removes the cookie */
                    "Set-Cookie"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AuthRefresh: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: {
                /** @description The web app's refresh token, sent by the browser when the body says "session": "cookie" */
                emporium_refresh?: string;
            };
        };
        requestBody: {
            content: {
                "application/json": {
                    refreshToken: string;
                } | {
                    /** @constant */
                    session: "cookie";
                };
            };
        };
        responses: {
            /** @description Refused: problem details (or API Gateway's own message) */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description A fault */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Success */
            200: {
                headers: {
                    /** @description With "session": "cookie", only if the pool issued a new refresh token: the new emporium_refresh cookie */
                    "Set-Cookie"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        accessToken: string;
                        expiresIn: number;
                        idToken: string;
                        refreshToken?: string;
                        /** @constant */
                        tokenType: "Bearer";
                    };
                };
            };
        };
    };
    AuthResendConfirmation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: email */
                    email: string;
                };
            };
        };
        responses: {
            /** @description Refused: problem details (or API Gateway's own message) */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description A fault */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        message: string;
                    };
                };
            };
        };
    };
    AuthSignUp: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: email */
                    email: string;
                    name?: string;
                    password: string;
                };
            };
        };
        responses: {
            /** @description Refused: problem details (or API Gateway's own message) */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description A fault */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        message: string;
                    };
                };
            };
        };
    };
    Docs: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Refused: problem details (or API Gateway's own message) */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description A fault */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
        };
    };
    ExportsGet: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Refused: problem details (or API Gateway's own message) */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description A fault */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        createdAt: string;
                        createdBy: string;
                        /** Format: date-time */
                        downloadExpiresAt?: string;
                        /** Format: uri */
                        downloadUrl?: string;
                        failureReason?: string;
                        filter: {
                            from?: string;
                            /** @enum {string} */
                            status?: "PENDING" | "CONFIRMED" | "SHIPPED" | "DELIVERED" | "CANCELLED" | "PAYMENT_FAILED" | "EXPIRED";
                            to?: string;
                        };
                        id: string;
                        maxRows?: number;
                        objectKey?: string;
                        rows?: number;
                        /** @enum {string} */
                        status: "QUEUED" | "RUNNING" | "DONE" | "FAILED";
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
        };
    };
    ExportsCreate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    from?: string;
                    maxRows?: number;
                    /** @enum {string} */
                    status?: "PENDING" | "CONFIRMED" | "SHIPPED" | "DELIVERED" | "CANCELLED" | "PAYMENT_FAILED" | "EXPIRED";
                    to?: string;
                };
            };
        };
        responses: {
            /** @description Refused: problem details (or API Gateway's own message) */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description A fault */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        createdAt: string;
                        createdBy: string;
                        /** Format: date-time */
                        downloadExpiresAt?: string;
                        /** Format: uri */
                        downloadUrl?: string;
                        failureReason?: string;
                        filter: {
                            from?: string;
                            /** @enum {string} */
                            status?: "PENDING" | "CONFIRMED" | "SHIPPED" | "DELIVERED" | "CANCELLED" | "PAYMENT_FAILED" | "EXPIRED";
                            to?: string;
                        };
                        id: string;
                        maxRows?: number;
                        objectKey?: string;
                        rows?: number;
                        /** @enum {string} */
                        status: "QUEUED" | "RUNNING" | "DONE" | "FAILED";
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
        };
    };
    Health: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Refused: problem details (or API Gateway's own message) */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description A fault */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ok" | "degraded";
                        table: {
                            latencyMs: number;
                            reachable: boolean;
                        };
                    };
                };
            };
            /** @description Success */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ok" | "degraded";
                        table: {
                            latencyMs: number;
                            reachable: boolean;
                        };
                    };
                };
            };
        };
    };
    MeGet: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Refused: problem details (or API Gateway's own message) */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description A fault */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        createdAt: string;
                        deletedAt: string | null;
                        email: string | null;
                        id: string;
                        name: string | null;
                        /** @enum {string} */
                        role: "admin" | "customer";
                        /** Format: date-time */
                        updatedAt: string;
                        username: string;
                        version: number;
                    };
                };
            };
            /** @description Success, no body */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    MeUpdate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string | null;
                };
            };
        };
        responses: {
            /** @description Refused: problem details (or API Gateway's own message) */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description A fault */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        createdAt: string;
                        deletedAt: string | null;
                        email: string | null;
                        id: string;
                        name: string | null;
                        /** @enum {string} */
                        role: "admin" | "customer";
                        /** Format: date-time */
                        updatedAt: string;
                        username: string;
                        version: number;
                    };
                };
            };
        };
    };
    MeOrders: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Refused: problem details (or API Gateway's own message) */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description A fault */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        cursor: string | null;
                        items: {
                            /** Format: date-time */
                            createdAt: string;
                            id: string;
                            lineCount: number;
                            /** @enum {string} */
                            status: "PENDING" | "CONFIRMED" | "SHIPPED" | "DELIVERED" | "CANCELLED" | "PAYMENT_FAILED" | "EXPIRED";
                            total: {
                                amount: number;
                                currency: string;
                            };
                            /** Format: date-time */
                            updatedAt: string;
                            userId: string;
                            version: number;
                        }[];
                    };
                };
            };
        };
    };
    OpenApi: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Refused: problem details (or API Gateway's own message) */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description A fault */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        info: {
                            title: string;
                            version: string;
                        };
                        openapi: string;
                        paths: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
    };
    OrdersSearch: {
        parameters: {
            query: {
                cursor?: string;
                from?: string;
                limit?: string;
                status: "PENDING" | "CONFIRMED" | "SHIPPED" | "DELIVERED" | "CANCELLED" | "PAYMENT_FAILED" | "EXPIRED";
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Refused: problem details (or API Gateway's own message) */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description A fault */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        cursor: string | null;
                        items: {
                            /** Format: date-time */
                            createdAt: string;
                            id: string;
                            lineCount: number;
                            /** @enum {string} */
                            status: "PENDING" | "CONFIRMED" | "SHIPPED" | "DELIVERED" | "CANCELLED" | "PAYMENT_FAILED" | "EXPIRED";
                            total: {
                                amount: number;
                                currency: string;
                            };
                            /** Format: date-time */
                            updatedAt: string;
                            userId: string;
                            version: number;
                        }[];
                    };
                };
            };
        };
    };
    OrdersPlace: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    lines: {
                        productId: string;
                        quantity: number;
                    }[];
                };
            };
        };
        responses: {
            /** @description Refused: problem details (or API Gateway's own message) */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description A fault */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        createdAt: string;
                        id: string;
                        lineCount: number;
                        lines: {
                            lineTotal: {
                                amount: number;
                                currency: string;
                            };
                            name: string;
                            productId: string;
                            quantity: number;
                            unitPrice: {
                                amount: number;
                                currency: string;
                            };
                        }[];
                        /** @enum {string} */
                        status: "PENDING" | "CONFIRMED" | "SHIPPED" | "DELIVERED" | "CANCELLED" | "PAYMENT_FAILED" | "EXPIRED";
                        total: {
                            amount: number;
                            currency: string;
                        };
                        /** Format: date-time */
                        updatedAt: string;
                        userId: string;
                        version: number;
                    };
                };
            };
        };
    };
    OrdersGet: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Refused: problem details (or API Gateway's own message) */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description A fault */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        createdAt: string;
                        id: string;
                        lineCount: number;
                        lines: {
                            lineTotal: {
                                amount: number;
                                currency: string;
                            };
                            name: string;
                            productId: string;
                            quantity: number;
                            unitPrice: {
                                amount: number;
                                currency: string;
                            };
                        }[];
                        /** @enum {string} */
                        status: "PENDING" | "CONFIRMED" | "SHIPPED" | "DELIVERED" | "CANCELLED" | "PAYMENT_FAILED" | "EXPIRED";
                        total: {
                            amount: number;
                            currency: string;
                        };
                        /** Format: date-time */
                        updatedAt: string;
                        userId: string;
                        version: number;
                    };
                };
            };
            /** @description Success, no body */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    OrdersCancel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Refused: problem details (or API Gateway's own message) */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description A fault */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        createdAt: string;
                        id: string;
                        lineCount: number;
                        lines: {
                            lineTotal: {
                                amount: number;
                                currency: string;
                            };
                            name: string;
                            productId: string;
                            quantity: number;
                            unitPrice: {
                                amount: number;
                                currency: string;
                            };
                        }[];
                        /** @enum {string} */
                        status: "PENDING" | "CONFIRMED" | "SHIPPED" | "DELIVERED" | "CANCELLED" | "PAYMENT_FAILED" | "EXPIRED";
                        total: {
                            amount: number;
                            currency: string;
                        };
                        /** Format: date-time */
                        updatedAt: string;
                        userId: string;
                        version: number;
                    };
                };
            };
        };
    };
    PartnerOrders: {
        parameters: {
            query: {
                cursor?: string;
                from?: string;
                limit?: string;
                status: "PENDING" | "CONFIRMED" | "SHIPPED" | "DELIVERED" | "CANCELLED" | "PAYMENT_FAILED" | "EXPIRED";
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Refused: problem details (or API Gateway's own message) */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description A fault */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        cursor: string | null;
                        items: {
                            /** Format: date-time */
                            createdAt: string;
                            id: string;
                            lineCount: number;
                            /** @enum {string} */
                            status: "PENDING" | "CONFIRMED" | "SHIPPED" | "DELIVERED" | "CANCELLED" | "PAYMENT_FAILED" | "EXPIRED";
                            total: {
                                amount: number;
                                currency: string;
                            };
                            /** Format: date-time */
                            updatedAt: string;
                            userId: string;
                            version: number;
                        }[];
                    };
                };
            };
        };
    };
    PartnerStock: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    stock: number;
                };
            };
        };
        responses: {
            /** @description Refused: problem details (or API Gateway's own message) */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description A fault */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        createdAt: string;
                        description: string;
                        id: string;
                        images?: {
                            contentType: string;
                            id: string;
                            size: number;
                        }[];
                        name: string;
                        price: {
                            amount: number;
                            currency: string;
                        };
                        stock: number;
                        /** Format: date-time */
                        updatedAt: string;
                        version: number;
                    };
                };
            };
        };
    };
    ProductsList: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Refused: problem details (or API Gateway's own message) */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description A fault */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        cursor: string | null;
                        items: {
                            /** Format: date-time */
                            createdAt: string;
                            description: string;
                            id: string;
                            images?: {
                                contentType: string;
                                id: string;
                                size: number;
                            }[];
                            name: string;
                            price: {
                                amount: number;
                                currency: string;
                            };
                            stock: number;
                            /** Format: date-time */
                            updatedAt: string;
                            version: number;
                        }[];
                    };
                };
            };
        };
    };
    ProductsCreate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @default  */
                    description?: string;
                    name: string;
                    price: {
                        amount: number;
                        currency: string;
                    };
                    stock: number;
                };
            };
        };
        responses: {
            /** @description Refused: problem details (or API Gateway's own message) */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description A fault */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        createdAt: string;
                        description: string;
                        id: string;
                        images?: {
                            contentType: string;
                            id: string;
                            size: number;
                        }[];
                        name: string;
                        price: {
                            amount: number;
                            currency: string;
                        };
                        stock: number;
                        /** Format: date-time */
                        updatedAt: string;
                        version: number;
                    };
                };
            };
        };
    };
    ProductsGet: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Refused: problem details (or API Gateway's own message) */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description A fault */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        createdAt: string;
                        description: string;
                        id: string;
                        images?: {
                            contentType: string;
                            id: string;
                            size: number;
                        }[];
                        name: string;
                        price: {
                            amount: number;
                            currency: string;
                        };
                        stock: number;
                        /** Format: date-time */
                        updatedAt: string;
                        version: number;
                    };
                };
            };
            /** @description Success, no body */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ProductsReplace: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @default  */
                    description?: string;
                    name: string;
                    price: {
                        amount: number;
                        currency: string;
                    };
                    stock: number;
                };
            };
        };
        responses: {
            /** @description Refused: problem details (or API Gateway's own message) */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description A fault */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        createdAt: string;
                        description: string;
                        id: string;
                        images?: {
                            contentType: string;
                            id: string;
                            size: number;
                        }[];
                        name: string;
                        price: {
                            amount: number;
                            currency: string;
                        };
                        stock: number;
                        /** Format: date-time */
                        updatedAt: string;
                        version: number;
                    };
                };
            };
        };
    };
    ProductsDelete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Refused: problem details (or API Gateway's own message) */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description A fault */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Success, no body */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ProductImagesUpload: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    contentType: "image/png" | "image/jpeg" | "image/webp";
                    size: number;
                };
            };
        };
        responses: {
            /** @description Refused: problem details (or API Gateway's own message) */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description A fault */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        expiresAt: string;
                        headers: {
                            "content-length": string;
                            "content-type": string;
                        };
                        imageId: string;
                        /** @constant */
                        method: "PUT";
                        /** Format: uri */
                        uploadUrl: string;
                    };
                };
            };
        };
    };
    ProductImagesGet: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                imageId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Refused: problem details (or API Gateway's own message) */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description A fault */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Success, no body */
            302: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ProductsStockAudit: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Refused: problem details (or API Gateway's own message) */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description A fault */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        cursor: string | null;
                        items: {
                            /** Format: date-time */
                            at: string;
                            id: string;
                            keyId: string;
                            previousStock: number;
                            productId: string;
                            stock: number;
                            version: number;
                        }[];
                    };
                };
            };
        };
    };
    UsersList: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Refused: problem details (or API Gateway's own message) */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description A fault */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        cursor: string | null;
                        items: {
                            /** Format: date-time */
                            createdAt: string;
                            deletedAt: string | null;
                            email: string | null;
                            id: string;
                            name: string | null;
                            /** @enum {string} */
                            role: "admin" | "customer";
                            /** Format: date-time */
                            updatedAt: string;
                            username: string;
                            version: number;
                        }[];
                    };
                };
            };
        };
    };
    UsersGet: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Refused: problem details (or API Gateway's own message) */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description A fault */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        createdAt: string;
                        deletedAt: string | null;
                        email: string | null;
                        id: string;
                        name: string | null;
                        /** @enum {string} */
                        role: "admin" | "customer";
                        /** Format: date-time */
                        updatedAt: string;
                        username: string;
                        version: number;
                    };
                };
            };
            /** @description Success, no body */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    UsersDelete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Refused: problem details (or API Gateway's own message) */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description A fault */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Success, no body */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    UsersUpdate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string | null;
                    /** @enum {string} */
                    role?: "admin" | "customer";
                };
            };
        };
        responses: {
            /** @description Refused: problem details (or API Gateway's own message) */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description A fault */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        createdAt: string;
                        deletedAt: string | null;
                        email: string | null;
                        id: string;
                        name: string | null;
                        /** @enum {string} */
                        role: "admin" | "customer";
                        /** Format: date-time */
                        updatedAt: string;
                        username: string;
                        version: number;
                    };
                };
            };
        };
    };
}
