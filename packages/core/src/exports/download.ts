import { GetObjectCommand } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { Resource } from "sst";
import { s3 } from "../aws/clients";

/**
 * A short-lived link to a finished export. Its own module, imported dynamically by ./service:
 * only a status read of a DONE job needs the S3 client and the presigner.
 */
export const downloadLink = (objectKey: string, expiresIn: number): Promise<string> =>
  getSignedUrl(s3(), new GetObjectCommand({ Bucket: Resource.Exports.name, Key: objectKey }), { expiresIn });
