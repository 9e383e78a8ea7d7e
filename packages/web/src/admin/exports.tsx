import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../api/client";
import { unwrap } from "../api/problem";
import type { ExportJob, NewExport, OrderSearchStatus } from "../api/types";
import { formValues } from "../account/form";
import { Field } from "../ui/field";
import { formatDate, statusLabel } from "../ui/format";
import { PageTitle } from "../ui/layout";
import { fieldErrors, ProblemAlert } from "../ui/problem";
import { Empty } from "../ui/states";
import { useIdempotencyKey } from "./idempotency-key";
import { StatusSelect } from "./orders";

const POLL_MS = 1500;
const jobLabel: Record<ExportJob["status"], string> = { QUEUED: "Queued", RUNNING: "Running", DONE: "Ready", FAILED: "Failed" };

/**
 * Order exports run in the background: starting one (Idempotency-Key, so a double click starts
 * one) answers at once, and each export started here is polled until its CSV is ready.
 */
export function ExportsPage() {
  const [jobs, setJobs] = useState<ExportJob[]>([]);
  const key = useIdempotencyKey<NewExport>();
  const start = useMutation({
    mutationFn: async (body: NewExport) => unwrap(await api.POST("/exports/orders", { body, headers: { "idempotency-key": key.keyFor(body) } })),
    // The next press is a new export; a replayed start answers the same job, listed once.
    onSuccess: (job) => {
      key.succeeded();
      setJobs((held) => [job, ...held.filter((other) => other.id !== job.id)]);
    },
  });
  return (
    <>
      <PageTitle title="Exports · Admin">Exports</PageTitle>
      <p className="lead-small">A CSV of orders, for accounting or a spreadsheet. Large exports take a moment; this page shows when each is ready.</p>
      <form
        noValidate
        className="form filter-form"
        aria-label="New export"
        onSubmit={(event) => {
          const values = formValues(event);
          start.mutate({
            ...(values.status ? { status: values.status as OrderSearchStatus } : {}),
            ...(values.from ? { from: values.from } : {}),
            ...(values.to ? { to: values.to } : {}),
          });
        }}
      >
        <StatusSelect name="status" defaultValue="" allowAny />
        <Field label="From" name="from" type="date" errors={fieldErrors(start.error)} />
        <Field label="To" name="to" type="date" errors={fieldErrors(start.error)} />
        <button type="submit" className="button" disabled={start.isPending}>
          {start.isPending ? "Starting…" : "Export orders"}
        </button>
      </form>
      <ProblemAlert error={start.error} title="The export did not start." />
      <section className="section" aria-labelledby="exports-heading">
        <h2 id="exports-heading">Exports started here</h2>
        {jobs.length === 0 ? (
          <Empty title="No exports yet.">Choose the orders above and start one.</Empty>
        ) : (
          <ul className="job-list">
            {jobs.map((job) => (
              <ExportRow key={job.id} initial={job} />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function describe(filter: ExportJob["filter"]): string {
  const status = filter.status ? `${statusLabel[filter.status]} orders` : "All orders";
  if (filter.from && filter.to) return `${status}, ${filter.from} to ${filter.to}`;
  if (filter.from) return `${status} from ${filter.from}`;
  if (filter.to) return `${status} until ${filter.to}`;
  return status;
}

function ExportRow({ initial }: { initial: ExportJob }) {
  const query = useQuery({
    queryKey: ["admin-export", initial.id],
    queryFn: async () => unwrap(await api.GET("/exports/{id}", { params: { path: { id: initial.id } } })),
    initialData: initial,
    refetchInterval: (current) => (current.state.data?.status === "DONE" || current.state.data?.status === "FAILED" ? false : POLL_MS),
    // The download link is presigned and expires: fetch a fresh one rather than keep an old one.
    staleTime: 0,
  });
  const job = query.data;
  return (
    <li className="job">
      <div>
        <p className="job-title">{describe(job.filter)}</p>
        <p className="cell-sub">Started {formatDate(job.createdAt)}</p>
      </div>
      <span className={`tag tag-${job.status === "DONE" ? "confirmed" : job.status === "FAILED" ? "cancelled" : "pending"}`} role="status">
        {jobLabel[job.status]}
        {job.status === "DONE" && job.rows !== undefined ? `, ${job.rows} ${job.rows === 1 ? "order" : "orders"}` : ""}
      </span>
      {job.status === "DONE" && job.downloadUrl ? (
        <a className="button button-small" href={job.downloadUrl} download>
          Download CSV
        </a>
      ) : null}
      {job.status === "FAILED" ? <p className="job-error">The export failed. Start it again; it only reads orders.</p> : null}
      {query.error ? <ProblemAlert error={query.error} title="Could not check this export." /> : null}
    </li>
  );
}
