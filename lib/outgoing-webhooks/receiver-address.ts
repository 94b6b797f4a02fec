import dns from "node:dns";
import { BlockList, isIP, type LookupFunction } from "node:net";
import { AppError } from "@/lib/errors";

// Loopback, private, link-local (cloud metadata), shared CGNAT, unspecified, multicast and reserved ranges, IPv4
// and IPv6 (IPv4-mapped addresses are checked as IPv4): where a studio's own network lives.
const PRIVATE = new BlockList();
for (const [net, bits] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 3],
] as const) {
  PRIVATE.addSubnet(net, bits, "ipv4");
}
for (const [net, bits] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
  ["64:ff9b::", 96],
] as const) {
  PRIVATE.addSubnet(net, bits, "ipv6");
}

export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return PRIVATE.check(mapped, "ipv4");
  const family = isIP(address);
  if (family === 0) return true;
  return PRIVATE.check(address, family === 4 ? "ipv4" : "ipv6");
}

const refusal = (host: string) =>
  new AppError(
    "invalid_input",
    `${host} is a private or loopback address: webhooks go to public addresses only (an operator can allow private ones with WEBHOOKS_ALLOW_PRIVATE=true).`,
  );

/**
 * The lookup every delivery connects with: it resolves the host itself and refuses a private answer, so a name that
 * pointed somewhere public when it was registered cannot be turned to the studio's own network later (DNS rebinding).
 */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "", 4);
      const list = addresses as dns.LookupAddress[];
      const bad = allowPrivate ? undefined : list.find((entry) => isPrivateAddress(entry.address));
      if (bad || list.length === 0) return callback(Object.assign(refusal(hostname), { code: "EPRIVATE" }), "", 4);
      if (options.all) return callback(null, list);
      return callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

/** Refuses, with a sentence, a URL whose host is or resolves to a private address (checked again at each send). */
export async function assertPublicReceiver(url: URL, allowPrivate: boolean): Promise<void> {
  if (url.username || url.password)
    throw new AppError("invalid_input", "Leave the user name and password out of the webhook URL.");
  if (allowPrivate) return;
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const addresses = isIP(host)
    ? [host]
    : await dns.promises
        .lookup(host, { all: true })
        .then((list) => list.map((entry) => entry.address))
        .catch(() => {
          throw new AppError("invalid_input", `${host} could not be found: check the webhook URL.`);
        });
  if (addresses.some(isPrivateAddress)) throw refusal(host);
}
