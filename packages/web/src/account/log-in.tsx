import { useMutation } from "@tanstack/react-query";
import { Link, useLocation, useSearch } from "wouter";
import { useSession } from "../session/session";
import { Field } from "../ui/field";
import { PageTitle } from "../ui/layout";
import { fieldErrors, ProblemAlert } from "../ui/problem";
import { formValues } from "./form";

/** Where to go after logging in: only a path on this site, never another origin. */
function safeNext(next: string | null): string {
  return next && next.startsWith("/") && !next.startsWith("//") ? next : "/";
}

export function LogInPage() {
  const search = new URLSearchParams(useSearch());
  const [, navigate] = useLocation();
  const { logIn } = useSession();
  const attempt = useMutation({
    mutationFn: ({ email, password }: { email: string; password: string }) => logIn(email, password),
    onSuccess: () => navigate(safeNext(search.get("next"))),
  });
  const errors = fieldErrors(attempt.error);
  const notice = search.get("confirmed") ? "Your e-mail is confirmed. Log in to continue." : search.get("reset") ? "Your password was changed. Log in with the new one." : null;
  return (
    <div className="narrow">
      <PageTitle title="Log in">Log in</PageTitle>
      {notice ? (
        <p className="notice notice-success" role="status">
          {notice}
        </p>
      ) : null}
      <form
        noValidate
        className="form"
        onSubmit={(event) => {
          const { email = "", password = "" } = formValues(event);
          attempt.mutate({ email, password });
        }}
      >
        <Field label="Email" name="email" type="email" autoComplete="email" defaultValue={search.get("email") ?? ""} errors={errors} />
        <Field label="Password" name="password" type="password" autoComplete="current-password" errors={errors} />
        <ProblemAlert error={attempt.error} />
        <button type="submit" className="button button-block" disabled={attempt.isPending}>
          {attempt.isPending ? "Logging in…" : "Log in"}
        </button>
      </form>
      <p className="form-footer">
        <Link href="/forgot-password">Forgot your password?</Link>
        <span aria-hidden="true"> · </span>
        New here? <Link href="/signup">Create an account</Link>
      </p>
    </div>
  );
}
