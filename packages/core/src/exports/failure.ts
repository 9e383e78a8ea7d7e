import { DomainError } from "../errors";

/**
 * A failure that retrying cannot fix (the export is too large, its filter cannot be run): the
 * job ends FAILED with this message as the reason the admin reads. Anything else is treated as
 * transient and left to the queue's redelivery.
 */
export class ExportFailure extends DomainError {}
