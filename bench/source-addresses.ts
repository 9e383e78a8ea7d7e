/**
 * Gives each connection a load generator opens to a port its own loopback source address
 * (127.0.2.1, 127.0.2.2, …), as visitors each come from their own IP. The API limits an
 * anonymous caller by source address (50 requests/s, 10,000 a day): a crowd sent from
 * 127.0.0.1 alone would be one visitor over its limit, and answered 429, as it should be.
 *
 * autocannon opens its sockets with `net.connect(port, host)` and takes no local address, so
 * `net.connect` is wrapped for connections to the given ports only (tests/e2e set
 * `localAddress` on their own requests the same way). Linux routes all of 127.0.0.0/8 to the
 * loopback interface; nothing leaves the machine.
 */
import net from "node:net";

const ADDRESSES = 250;
let next = 0;
const ports = new Set<number>();
const original = net.connect;

/** From now on, connections to `port` on this process come from rotating loopback addresses. */
export function spreadSourceAddresses(port: number): void {
  if (ports.size === 0) {
    const wrapped = (...args: unknown[]) => {
      const [port, host] = args;
      if (typeof port === "number" && ports.has(port) && (host === undefined || typeof host === "string")) {
        next = (next % ADDRESSES) + 1;
        return original({ port, host: host ?? "127.0.0.1", localAddress: `127.0.2.${next}` });
      }
      return (original as (...rest: unknown[]) => net.Socket)(...args);
    };
    (net as { connect: unknown }).connect = wrapped;
  }
  ports.add(port);
}
