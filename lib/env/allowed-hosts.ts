const LOCAL_HOSTS = ["localhost", "127.0.0.1", "[::1]"];

/** The host names this server answers to: this machine's, ALLOWED_HOSTS, and PUBLIC_BASE_URL's. */
export function allowedHostNames(env: { ALLOWED_HOSTS: string[]; PUBLIC_BASE_URL?: string }): string[] {
  const publicHost = env.PUBLIC_BASE_URL ? [new URL(env.PUBLIC_BASE_URL).hostname.toLowerCase()] : [];
  return [...LOCAL_HOSTS, ...env.ALLOWED_HOSTS, ...publicHost];
}
