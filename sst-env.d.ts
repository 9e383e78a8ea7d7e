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
    "Analytics": {
      "name": string
      "type": "sst.aws.KinesisStream"
    }
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
    "Email": {
      "configSet": string
      "sender": string
      "type": "sst.aws.Email"
    }
    "Exports": {
      "name": string
      "type": "sst.aws.Bucket"
    }
    "ExportsQueue": {
      "type": "sst.aws.Queue"
      "url": string
    }
    "FulfilmentQueue": {
      "type": "sst.aws.Queue"
      "url": string
    }
    "Idempotency": {
      "name": string
      "type": "sst.aws.Dynamo"
    }
    "NotificationsQueue": {
      "type": "sst.aws.Queue"
      "url": string
    }
    "OrderEvents": {
      "arn": string
      "type": "sst.aws.SnsTopic"
    }
    "OrderEventsFailures": {
      "type": "sst.aws.Queue"
      "url": string
    }
    "Table": {
      "name": string
      "type": "sst.aws.Dynamo"
    }
    "Uploads": {
      "name": string
      "type": "sst.aws.Bucket"
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
