import { useMutation } from "@tanstack/react-query";
import { Link, useLocation } from "wouter";
import { api } from "../api/client";
import { unwrap } from "../api/problem";
import { Field } from "../ui/field";
import { PageTitle } from "../ui/layout";
import { fieldErrors, ProblemAlert } from "../ui/problem";
import { formValues } from "./form";

export function SignUpPage() {
  const [, navigate] = useLocation();
  const signUp = useMutation({
    mutationFn: async (body: { email: string; password: string; name?: string }) => unwrap(await api.POST("/auth/signup", { body })),
    onSuccess: (_answer, body) => navigate(`/confirm?email=${encodeURIComponent(body.email)}`),
  });
  const errors = fieldErrors(signUp.error);
  return (
    <div className="narrow">
      <PageTitle title="Create an account">Create an account</PageTitle>
      {/* The API validates (one set of rules); its messages appear beside the fields. */}
      <form
        noValidate
        className="form"
        onSubmit={(event) => {
          const { email = "", password = "", name = "" } = formValues(event);
          signUp.mutate({ email, password, ...(name.trim() ? { name } : {}) });
        }}
      >
        <Field label="Name" name="name" autoComplete="name" errors={errors} hint="Optional: how we greet you." />
        <Field label="Email" name="email" type="email" autoComplete="email" required errors={errors} />
        <Field label="Password" name="password" type="password" autoComplete="new-password" required errors={errors} hint="At least 12 characters, with upper- and lower-case letters, a digit and a symbol." />
        <ProblemAlert error={signUp.error} />
        <button type="submit" className="button button-block" disabled={signUp.isPending}>
          {signUp.isPending ? "Creating your account…" : "Create account"}
        </button>
      </form>
      <p className="form-footer">
        Already have an account? <Link href="/login">Log in</Link>
      </p>
    </div>
  );
}
