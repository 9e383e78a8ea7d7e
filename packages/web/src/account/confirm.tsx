import { useMutation } from "@tanstack/react-query";
import { Link, useLocation, useSearch } from "wouter";
import { api } from "../api/client";
import { unwrap } from "../api/problem";
import { resendConfirmation } from "../session/auth-calls";
import { Field } from "../ui/field";
import { PageTitle } from "../ui/layout";
import { fieldErrors, ProblemAlert } from "../ui/problem";
import { formValues } from "./form";

/** Confirms a registration with the code the API e-mailed; the code can be sent again. */
export function ConfirmPage() {
  const email = new URLSearchParams(useSearch()).get("email") ?? "";
  const [, navigate] = useLocation();
  const confirm = useMutation({
    mutationFn: async (body: { email: string; code: string }) => unwrap(await api.POST("/auth/confirm", { body })),
    onSuccess: (_answer, body) => navigate(`/login?confirmed=1&email=${encodeURIComponent(body.email)}`),
  });
  const resend = useMutation({ mutationFn: resendConfirmation });
  const errors = fieldErrors(confirm.error);
  return (
    <div className="narrow">
      <PageTitle title="Confirm your e-mail">Confirm your e-mail</PageTitle>
      <p>We sent a 6-digit code{email ? ` to ${email}` : ""}. Enter it to finish creating your account.</p>
      <form
        noValidate
        className="form"
        onSubmit={(event) => {
          const values = formValues(event);
          confirm.mutate({ email: values.email ?? "", code: values.code ?? "" });
        }}
      >
        <Field label="Email" name="email" type="email" autoComplete="email" defaultValue={email} errors={errors} />
        <Field label="Confirmation code" name="code" inputMode="numeric" autoComplete="one-time-code" errors={errors} />
        <ProblemAlert error={confirm.error} />
        <button type="submit" className="button button-block" disabled={confirm.isPending}>
          {confirm.isPending ? "Confirming…" : "Confirm"}
        </button>
      </form>
      <div className="form-footer">
        <button
          type="button"
          className="link-button"
          disabled={resend.isPending}
          onClick={(event) => {
            const field = event.currentTarget.closest(".narrow")?.querySelector<HTMLInputElement>("input[name=email]");
            resend.mutate(field?.value ?? email);
          }}
        >
          Send the code again
        </button>
        <p role="status">{resend.isSuccess ? "If that address is waiting for confirmation, a new code is on its way." : ""}</p>
        <ProblemAlert error={resend.error} />
        <p>
          Already confirmed? <Link href="/login">Log in</Link>
        </p>
      </div>
    </div>
  );
}
