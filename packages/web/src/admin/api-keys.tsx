import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../api/client";
import { unwrap } from "../api/problem";
import type { ApiKey, ApiKeyScope, CreatedApiKey, NewApiKey } from "../api/types";
import { formValues } from "../account/form";
import { Field } from "../ui/field";
import { formatDate } from "../ui/format";
import { PageTitle } from "../ui/layout";
import { fieldErrors, ProblemAlert } from "../ui/problem";
import { Empty, QueryState } from "../ui/states";
import { ConfirmButton } from "./confirm-button";
import { PAGE_SIZE, Pager, useCursorPages } from "./pages";

const SCOPES: { scope: ApiKeyScope; label: string }[] = [
  { scope: "orders:read", label: "Read orders (orders:read)" },
  { scope: "stock:write", label: "Set stock levels (stock:write)" },
];

/** A blank limit is left to the API's default; anything else is sent as a number for the API to check. */
const limit = (text: string | undefined) => (text?.trim() ? Number(text.trim()) : undefined);

function keyFromForm(event: React.FormEvent<HTMLFormElement>): NewApiKey {
  const values = formValues(event);
  const scopes = new FormData(event.currentTarget).getAll("scopes") as ApiKeyScope[];
  const limits = { rate: limit(values["limits.rate"]), burst: limit(values["limits.burst"]), daily: limit(values["limits.daily"]) };
  const given = Object.fromEntries(Object.entries(limits).filter(([, value]) => value !== undefined));
  return { name: values.name ?? "", scopes, ...(Object.keys(given).length > 0 ? { limits: given } : {}) };
}

/** Partner keys: create one (its secret is shown once), see them all, revoke. */
export function ApiKeysPage() {
  const queryClient = useQueryClient();
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [formRevision, setFormRevision] = useState(0);
  const create = useMutation({
    mutationFn: async (body: NewApiKey) => unwrap(await api.POST("/api-keys", { body })),
    onSuccess: (key) => {
      setCreated(key);
      setFormRevision((value) => value + 1);
      void queryClient.invalidateQueries({ queryKey: ["admin-api-keys"] });
    },
  });
  const errors = fieldErrors(create.error);
  return (
    <>
      <PageTitle title="API keys · Admin">API keys</PageTitle>
      <p className="lead-small">Partners call the partner API with these keys: reading orders or setting stock, within the limits you set.</p>
      {created ? <NewSecret created={created} onDone={() => setCreated(null)} /> : null}
      <form key={formRevision} noValidate className="form" aria-labelledby="new-key-heading" onSubmit={(event) => create.mutate(keyFromForm(event))}>
        <h2 id="new-key-heading">New key</h2>
        <Field label="Name" name="name" hint="Who or what uses it, e.g. Warehouse sync" errors={errors} autoComplete="off" />
        <fieldset className={errors.scopes ? "fieldset field-invalid" : "fieldset"}>
          <legend>Scopes</legend>
          {SCOPES.map(({ scope, label }) => (
            <label key={scope} className="check">
              <input type="checkbox" name="scopes" value={scope} /> {label}
            </label>
          ))}
          {errors.scopes ? <p className="field-error">Scopes: {errors.scopes}</p> : null}
        </fieldset>
        <fieldset className="fieldset">
          <legend>Limits (blank for the defaults)</legend>
          <div className="field-row">
            <Field label="Requests per second" name="limits.rate" inputMode="decimal" errors={errors} />
            <Field label="Burst" name="limits.burst" inputMode="numeric" errors={errors} />
            <Field label="Requests per day" name="limits.daily" inputMode="numeric" errors={errors} />
          </div>
        </fieldset>
        <ProblemAlert error={create.error} title="The key was not created." />
        <div className="actions">
          <button type="submit" className="button" disabled={create.isPending}>
            {create.isPending ? "Creating…" : "Create key"}
          </button>
        </div>
      </form>
      <section className="section" aria-labelledby="keys-heading">
        <h2 id="keys-heading">Keys</h2>
        <KeyList />
      </section>
    </>
  );
}

/** The secret exists in the browser only here: the API stores a hash and never shows it again. */
function NewSecret({ created, onDone }: { created: CreatedApiKey; onDone: () => void }) {
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  return (
    <section className="secret" aria-labelledby="secret-heading">
      <h2 id="secret-heading">Key “{created.name}” created</h2>
      <p>Copy the secret now and give it to the partner. It is shown only this once.</p>
      <div className="secret-row">
        <Field label="Secret" name="secret" readOnly value={created.secret} className="secret-value" onFocus={(event) => event.currentTarget.select()} />
        <button
          type="button"
          className="button button-small"
          onClick={() => {
            navigator.clipboard.writeText(created.secret).then(
              () => setCopied("yes"),
              () => setCopied("failed"),
            );
          }}
        >
          Copy secret
        </button>
      </div>
      <p role="status" className="notice">
        {copied === "yes" ? "Copied to the clipboard." : copied === "failed" ? "This browser did not allow copying; select the secret and copy it by hand." : ""}
      </p>
      <button type="button" className="button button-secondary button-small" onClick={onDone}>
        I have saved it
      </button>
    </section>
  );
}

function KeyList() {
  const pages = useCursorPages();
  const query = useQuery({
    queryKey: ["admin-api-keys", pages.cursor],
    queryFn: async () => unwrap(await api.GET("/api-keys", { params: { query: { limit: PAGE_SIZE, ...(pages.cursor ? { cursor: pages.cursor } : {}) } } })),
    placeholderData: keepPreviousData,
  });
  return (
    <QueryState query={query} loading="Loading keys…">
      {(page) =>
        page.items.length === 0 && pages.page === 1 ? (
          <Empty title="No API keys yet.">Create one above for a partner.</Empty>
        ) : (
          <>
            <div className="table-scroll" role="region" aria-label="API keys" tabIndex={0}>
              <table className="table table-cards">
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Key</th>
                    <th scope="col">Scopes</th>
                    <th scope="col">Limits</th>
                    <th scope="col">Created</th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((key) => (
                    <KeyRow key={key.id} apiKey={key} />
                  ))}
                </tbody>
              </table>
            </div>
            <Pager pages={pages} nextCursor={page.cursor} label="API keys" />
          </>
        )
      }
    </QueryState>
  );
}

function KeyRow({ apiKey }: { apiKey: ApiKey }) {
  const queryClient = useQueryClient();
  const revoke = useMutation({
    mutationFn: async () => unwrap(await api.DELETE("/api-keys/{id}", { params: { path: { id: apiKey.id } } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["admin-api-keys"] }),
  });
  return (
    <>
      <tr>
        <th scope="row" className="cell-name">
          {apiKey.name}
        </th>
        <td data-label="Key">
          <code>{apiKey.prefix}…</code>
        </td>
        <td data-label="Scopes">{apiKey.scopes.join(", ")}</td>
        <td data-label="Limits">
          {apiKey.limits.rate}/s, burst {apiKey.limits.burst}, {apiKey.limits.daily}/day
        </td>
        <td data-label="Created">{formatDate(apiKey.createdAt)}</td>
        <td className="cell-actions">
          {apiKey.revokedAt ? (
            <span className="tag tag-muted">Revoked {formatDate(apiKey.revokedAt)}</span>
          ) : (
            <ConfirmButton
              label="Revoke"
              name={`Revoke ${apiKey.name}`}
              question={`Revoke ${apiKey.name}? Calls with it stop working at once.`}
              confirmLabel={`Yes, revoke ${apiKey.name}`}
              busy={revoke.isPending}
              onConfirm={() => revoke.mutate()}
            />
          )}
        </td>
      </tr>
      {revoke.error ? (
        <tr>
          <td colSpan={6}>
            <ProblemAlert error={revoke.error} title={`${apiKey.name} was not revoked.`} />
          </td>
        </tr>
      ) : null}
    </>
  );
}
