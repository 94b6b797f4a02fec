/** One entry of REPLICATE_OUTPUT_HOSTS: a host, or every subdomain of one, and whether plain http is allowed. */
export interface OutputHostRule {
  host: string;
  subdomains: boolean;
  plainHttp: boolean;
}

/** "replicate.delivery", "*.replicate.delivery", "http://127.0.0.1" (already checked by lib/env). */
export function parseOutputHosts(entries: readonly string[]): OutputHostRule[] {
  return entries.map((entry) => {
    const name = entry.toLowerCase().replace(/^https?:\/\//, "");
    const subdomains = name.startsWith("*.");
    return { host: subdomains ? name.slice(2) : name, subdomains, plainHttp: entry.toLowerCase().startsWith("http://") };
  });
}

const matches = (rule: OutputHostRule, hostname: string) =>
  rule.subdomains ? hostname.endsWith(`.${rule.host}`) : hostname === rule.host;

/**
 * Why an output URL may not be fetched, or null when it may: a model's answer names the URL, so without this
 * check it could point the server at anything it can reach (an internal address, a cloud metadata service).
 * Outputs Replicate puts inline (data: URLs) touch no network.
 */
export function outputUrlRefusal(url: URL, rules: readonly OutputHostRule[]): string | null {
  if (url.protocol === "data:") return null;
  const host = url.hostname.toLowerCase();
  const rule = rules.find((r) => matches(r, host));
  if (!rule || url.username || url.password) {
    return `The model's output is on ${host.slice(0, 100) || "no host"}, which is not one of the hosts outputs may come from (REPLICATE_OUTPUT_HOSTS), so it was not downloaded.`;
  }
  if (url.protocol === "https:" || (url.protocol === "http:" && rule.plainHttp)) return null;
  return `The model's output is at a ${url.protocol.replace(":", "")} address; outputs are downloaded over https only, so it was not.`;
}
