/**
 * Headers on every response. Pages get a Content-Security-Policy whose scripts must carry this request's
 * nonce (Next.js adds it to its own scripts when it finds the policy on the request); nothing may frame
 * any page, so the Approve and Cancel buttons cannot be clickjacked.
 */
export function securityHeaders(options: { nonce: string | null; development: boolean }): Record<string, string> {
  const common = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    "Cross-Origin-Opener-Policy": "same-origin",
  };
  if (!options.nonce) {
    // API answers and media are data, never documents to run.
    return { ...common, "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'; sandbox" };
  }
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${options.nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ""}`,
    // React renders style attributes (progress bar widths) into the HTML.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    "font-src 'self'",
    `connect-src 'self'${options.development ? " ws:" : ""}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join("; ");
  return { ...common, "Content-Security-Policy": policy };
}
