import { useMutation } from "@tanstack/react-query";
import { Link, useLocation } from "wouter";
import { api } from "../api/client";
import { unwrap } from "../api/problem";
import { Field } from "../ui/field";
import { PageTitle } from "../ui/layout";
import { fieldErrors, ProblemAlert } from "../ui/problem";
import { formValues } from "./form";

export function ForgotPasswordPage() {
  const [, navigate] = useLocation();
  const start = useMutation({
    mutationFn: async (body: { email: string }) => unwrap(await api.POST("/auth/forgot-password", { body })),
    onSuccess: (_answer, body) => navigate(`/reset-password?email=${encodeURIComponent(body.email)}`),
  });
  const errors = fieldErrors(start.error);
  return (
    <div className="narrow">
      <PageTitle title="Reset your password">Reset your password</PageTitle>
      <p>Enter your e-mail address and we will send you a code to set a new password.</p>
      <form noValidate className="form" onSubmit={(event) => start.mutate({ email: formValues(event).email ?? "" })}>
        <Field label="Email" name="email" type="email" autoComplete="email" errors={errors} />
        <ProblemAlert error={start.error} />
        <button type="submit" className="button button-block" disabled={start.isPending}>
          {start.isPending ? "Sending…" : "Send the code"}
        </button>
      </form>
      <p className="form-footer">
        Remembered it? <Link href="/login">Log in</Link>
      </p>
    </div>
  );
}
