import { useMutation } from "@tanstack/react-query";
import { useLocation, useSearch } from "wouter";
import { api } from "../api/client";
import { unwrap } from "../api/problem";
import { Field } from "../ui/field";
import { PageTitle } from "../ui/layout";
import { fieldErrors, ProblemAlert } from "../ui/problem";
import { formValues } from "./form";

export function ResetPasswordPage() {
  const email = new URLSearchParams(useSearch()).get("email") ?? "";
  const [, navigate] = useLocation();
  const reset = useMutation({
    mutationFn: async (body: { email: string; code: string; password: string }) => unwrap(await api.POST("/auth/confirm-forgot-password", { body })),
    onSuccess: (_answer, body) => navigate(`/login?reset=1&email=${encodeURIComponent(body.email)}`),
  });
  const errors = fieldErrors(reset.error);
  return (
    <div className="narrow">
      <PageTitle title="Choose a new password">Choose a new password</PageTitle>
      <p>If an account exists for that address, we e-mailed it a 6-digit code.</p>
      <form
        noValidate
        className="form"
        onSubmit={(event) => {
          const { email: address = "", code = "", password = "" } = formValues(event);
          reset.mutate({ email: address, code, password });
        }}
      >
        <Field label="Email" name="email" type="email" autoComplete="email" defaultValue={email} errors={errors} />
        <Field label="Code" name="code" inputMode="numeric" autoComplete="one-time-code" errors={errors} />
        <Field label="New password" name="password" type="password" autoComplete="new-password" errors={errors} hint="At least 12 characters, with upper- and lower-case letters, a digit and a symbol." />
        <ProblemAlert error={reset.error} />
        <button type="submit" className="button button-block" disabled={reset.isPending}>
          {reset.isPending ? "Saving…" : "Set new password"}
        </button>
      </form>
    </div>
  );
}
