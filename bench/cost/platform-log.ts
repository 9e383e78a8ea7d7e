/**
 * The lines Lambda itself writes to a function's log for every invocation (START, END,
 * REPORT, and the X-Ray line of a traced one), which CloudWatch ingests and bills like the
 * function's own. Built in Lambda's text format with typical values, then counted.
 */
export function platformLogEvents(memoryMb: number): string[] {
  const id = "3604209a-e9a3-11e6-939a-754dd98c7be3";
  return [
    `START RequestId: ${id} Version: $LATEST\n`,
    `END RequestId: ${id}\n`,
    `REPORT RequestId: ${id}\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: ${memoryMb} MB\tMax Memory Used: 91 MB\t\n` +
      "XRAY TraceId: 1-5e8c7f25-0a0e2b7c3fd6b5a42c1f1a3a\tSegmentId: 5b6a3c1f2e4d8a90\tSampled: true\t\n",
  ];
}
