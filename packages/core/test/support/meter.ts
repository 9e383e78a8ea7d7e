interface WithMiddleware {
  middlewareStack: { add(middleware: (next: Handler) => Handler, options: { step: "build"; name: string }): void };
}
type Handler = (args: { input: Record<string, unknown> }) => Promise<unknown>;

/**
 * The input of each call `client` sends, as its serializer received it: after the cost meter
 * (which runs first, at serialize), so a test sees what the meter added to a request.
 */
export function inputsSent(client: unknown): Record<string, unknown>[] {
  const inputs: Record<string, unknown>[] = [];
  (client as WithMiddleware).middlewareStack.add(
    (next) => async (args) => {
      inputs.push(args.input);
      return next(args);
    },
    { step: "build", name: "testInputsSent" },
  );
  return inputs;
}
