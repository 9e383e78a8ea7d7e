/* Hand-maintained in the format `sst dev` writes (pkg/types/typescript in the SST CLI).
 * Keep it in step with infra/*: one entry per linkable component, properties as its
 * getSSTLink() returns them, plus the link `type` (the component's Pulumi type with ":" → ".").
 * The offline runtime sets SST_RESOURCE_<Name> to exactly these shapes. */
/* tslint:disable */
/* eslint-disable */
/* deno-fmt-ignore-file */
/* biome-ignore-all lint: hand-maintained */

declare module "sst" {
  export interface Resource {
    "Api": {
      "type": "sst.aws.ApiGatewayV2"
      "url": string
    }
    "ApiKeyPepper": {
      "type": "sst.sst.Secret"
      "value": string
    }
    "CursorSecret": {
      "type": "sst.sst.Secret"
      "value": string
    }
    "Table": {
      "name": string
      "type": "sst.aws.Dynamo"
    }
    "UserPool": {
      "id": string
      "type": "sst.aws.CognitoUserPool"
    }
    "UserPoolClient": {
      "id": string
      "secret": string
      "type": "sst.aws.CognitoUserPoolClient"
    }
  }
}

import "sst"
export {}
