export { fulfil } from "./service";
export { capturePayment, PaymentUnavailableError, FAILING_AMOUNT_SUFFIX } from "./payment";
