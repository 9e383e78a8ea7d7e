import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useLocation } from "wouter";
import { api } from "../api/client";
import { ApiError, unwrap } from "../api/problem";
import type { Profile } from "../api/types";
import { useSession } from "../session/session";
import { Field } from "../ui/field";
import { formatDate } from "../ui/format";
import { PageTitle } from "../ui/layout";
import { fieldErrors, ProblemAlert } from "../ui/problem";
import { QueryState } from "../ui/states";
import { formValues } from "./form";

interface Versioned {
  profile: Profile;
  etag: string | null;
}

/** The profile with its ETag: a save names the version it changed (If-Match), so it never overwrites a newer one. */
async function readProfile(): Promise<Versioned> {
  const result = await api.GET("/me", { cache: "no-cache" });
  return { profile: unwrap(result), etag: result.response.headers.get("etag") };
}

export function ProfilePage() {
  const query = useQuery({ queryKey: ["me"], queryFn: readProfile });
  const { logOut } = useSession();
  const [, navigate] = useLocation();
  const leave = useMutation({ mutationFn: logOut, onSettled: () => navigate("/") });
  return (
    <div className="narrow">
      <PageTitle title="Your account">Your account</PageTitle>
      <QueryState query={query} loading="Loading your profile…">
        {(current) => <ProfileForm current={current} />}
      </QueryState>
      <section className="section" aria-labelledby="session-heading">
        <h2 id="session-heading">Session</h2>
        <p>Log out on this device. Your cart stays here.</p>
        <button type="button" className="button button-secondary" disabled={leave.isPending} onClick={() => leave.mutate()}>
          {leave.isPending ? "Logging out…" : "Log out"}
        </button>
      </section>
    </div>
  );
}

function ProfileForm({ current }: { current: Versioned }) {
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: async (name: string | null) => {
      const result = await api.PATCH("/me", { body: { name }, headers: current.etag ? { "if-match": current.etag } : {} });
      return { profile: unwrap(result), etag: result.response.headers.get("etag") };
    },
    onSuccess: (saved) => queryClient.setQueryData(["me"], saved),
    // Someone (another tab, an admin) changed it first: show theirs, and the message says so.
    onError: (error) => {
      if (error instanceof ApiError && error.status === 412) void queryClient.invalidateQueries({ queryKey: ["me"] });
    },
  });
  const { profile } = current;
  return (
    <form
      noValidate
      className="form"
      key={profile.version}
      onSubmit={(event) => {
        const name = (formValues(event).name ?? "").trim();
        save.mutate(name === "" ? null : name);
      }}
    >
      <dl className="facts">
        <dt>Email</dt>
        <dd>{profile.email ?? "—"}</dd>
        <dt>Member since</dt>
        <dd>{formatDate(profile.createdAt)}</dd>
      </dl>
      <Field label="Name" name="name" autoComplete="name" defaultValue={profile.name ?? ""} errors={fieldErrors(save.error)} />
      <ProblemAlert error={save.error} title="Your changes were not saved." />
      <p role="status" className="notice">
        {save.isSuccess ? "Saved." : ""}
      </p>
      <button type="submit" className="button" disabled={save.isPending}>
        {save.isPending ? "Saving…" : "Save"}
      </button>
    </form>
  );
}
