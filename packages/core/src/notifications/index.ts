export { notify } from "./service";
export { renderOrderMail, type Mail } from "./render";
