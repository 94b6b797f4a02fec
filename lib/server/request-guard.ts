import { allowedHostNames } from "@/lib/env/allowed-hosts";
import { MAX_BODY_BYTES, tooLargeLabel } from "@/lib/http/body-sizes";
import type { HttpProblem } from "@/lib/http/error-body";
import { IMPORT_PATH, UPLOAD_PATH } from "./edge-paths";

/** What the edge refuses before any route runs: a status, a code and a sentence for the person. */
export type Refusal = HttpProblem;

export interface GuardRequest {
  method: string;
  /** The raw path as sent, still percent-encoded. */
  rawPath: string;
  headers: Headers;
}

export interface GuardOptions {
  /** Host names (no port) this server answers to. */
  allowedHosts: ReadonlySet<string>;
  /** No body may declare more than this; each route reads less (64 KB of JSON, a 1 MB webhook). */
  maxBodyBytes: number;
  /** An upload's body (one file and its multipart framing) may declare up to this. */
  maxUploadBytes: number;
  /** A project ZIP's body (POST /api/jobs/import, the raw ZIP) may declare up to this. */
  maxImportBytes: number;
  /** Origins besides the request's own that may send state-changing requests (PUBLIC_BASE_URL's). */
  trustedOrigins: ReadonlySet<string>;
}

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
// Signed by Replicate and checked there; no browser ever sends it.
const SERVER_TO_SERVER = /^\/api\/webhooks\//;

const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

export function guardOptions(
  env: { ALLOWED_HOSTS: string[]; PUBLIC_BASE_URL?: string },
  largestUploadBytes = 0,
  largestImportBytes = 0,
): GuardOptions {
  const publicUrl = env.PUBLIC_BASE_URL ? new URL(env.PUBLIC_BASE_URL) : null;
  return {
    allowedHosts: new Set(allowedHostNames(env)),
    trustedOrigins: new Set(publicUrl ? [publicUrl.origin] : []),
    maxBodyBytes: MAX_BODY_BYTES,
    maxUploadBytes: largestUploadBytes + MULTIPART_OVERHEAD_BYTES,
    maxImportBytes: largestImportBytes,
  };
}

/** "Example.com:3000" -> "example.com", "[::1]:3000" -> "[::1]"; null when it is not a host at all. */
export function hostName(hostHeader: string | null): string | null {
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::\d{1,5})?$/i.exec(hostHeader?.trim() ?? "");
  return match ? match[1]!.toLowerCase() : null;
}

function decodable(rawPath: string): boolean {
  try {
    decodeURIComponent(rawPath);
    return true;
  } catch {
    return false;
  }
}

const mediaType = (headers: Headers) => (headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
const hasBody = (headers: Headers) => Number(headers.get("content-length") ?? "0") > 0 || headers.has("transfer-encoding");

/**
 * The most a request's body may be, whatever it declares, and the answer past it: the upload's file and its
 * framing, or for anything else the largest body a route reads. The guard checks the declared length against it
 * and the Node server counts the bytes that arrive (lib/server/body-limit.ts).
 */
export function bodyLimit(method: string, rawPath: string, options: GuardOptions): { maxBytes: number; refusal: Refusal } {
  const isUpload = method.toUpperCase() === "POST" && rawPath === UPLOAD_PATH;
  const isImport = method.toUpperCase() === "POST" && rawPath === IMPORT_PATH;
  const maxBytes = isUpload ? options.maxUploadBytes : isImport ? options.maxImportBytes : options.maxBodyBytes;
  const message = isUpload
    ? `The upload is larger than ${tooLargeLabel(maxBytes - MULTIPART_OVERHEAD_BYTES)}, the most one file may be.`
    : isImport
      ? `The project ZIP is larger than ${tooLargeLabel(maxBytes)}, the most one import may be; nothing was imported.`
      : `The request body is larger than ${tooLargeLabel(maxBytes)}.`;
  return { maxBytes, refusal: { status: 413, code: "payload_too_large", message } };
}

/**
 * Checks every request before it reaches a page or route: a known method, a host this server answers to
 * (DNS rebinding), a path that decodes, and for anything that changes state, that it was not sent by
 * another web page (the Origin and Sec-Fetch-Site headers browsers add) and carries JSON, not a form.
 */
export function checkRequest(request: GuardRequest, options: GuardOptions): Refusal | null {
  const method = request.method.toUpperCase();
  if (!METHODS.includes(method)) {
    return {
      status: 405,
      code: "method_not_allowed",
      message: `The ${method} method is not supported here; use ${METHODS.slice(0, -1).join(", ")} or ${METHODS.at(-1)}.`,
      headers: { Allow: METHODS.join(", ") },
    };
  }
  const host = hostName(request.headers.get("host"));
  if (!host || !options.allowedHosts.has(host)) {
    return {
      status: 421,
      code: "misdirected_request",
      message: `This server does not answer to the host "${(request.headers.get("host") ?? "").slice(0, 100)}". Open it at localhost, or add the host to ALLOWED_HOSTS.`,
    };
  }
  if (!decodable(request.rawPath)) {
    return {
      status: 400,
      code: "invalid_input",
      message: "The address has broken percent-encoding (not valid UTF-8), so it names nothing here.",
    };
  }
  const isUpload = method === "POST" && request.rawPath === UPLOAD_PATH;
  const limit = bodyLimit(method, request.rawPath, options);
  if (Number(request.headers.get("content-length") ?? "0") > limit.maxBytes) return limit.refusal;
  if (SAFE_METHODS.has(method) || SERVER_TO_SERVER.test(request.rawPath)) return null;

  const site = request.headers.get("sec-fetch-site");
  const origin = request.headers.get("origin");
  const ownOrigins = [`http://${request.headers.get("host")}`, `https://${request.headers.get("host")}`];
  const foreignOrigin = origin !== null && !ownOrigins.includes(origin) && !options.trustedOrigins.has(origin);
  if (foreignOrigin || site === "cross-site" || site === "same-site") {
    return {
      status: 403,
      code: "forbidden",
      message: `A request from another site cannot change anything here${origin ? ` (it came from ${origin.slice(0, 100)})` : ""}.`,
    };
  }
  if (isUpload) return checkUpload(request.headers, origin);
  if (method === "POST" && request.rawPath === IMPORT_PATH) return checkImport(request.headers, origin);
  // The API takes JSON or nothing, so a plain HTML form (which cannot send application/json) never reaches it,
  // even without an Origin header. Server actions post to page paths, never /api/, so a Next-Action header
  // earns no exception there (better-auth would otherwise parse a form that our checks read as JSON).
  const type = mediaType(request.headers);
  const notJson = type ? type !== "application/json" : hasBody(request.headers);
  if (request.rawPath.startsWith("/api/") && notJson) {
    return {
      status: 415,
      code: "unsupported_media_type",
      message: "Send the request body as JSON with the header Content-Type: application/json.",
    };
  }
  return null;
}

/**
 * An upload is multipart/form-data, which any web page's form can send: it must come with an API token, or from
 * a page whose Origin the browser vouches for (fetch always sends one); a form without Origin gets nothing.
 */
function checkUpload(headers: Headers, origin: string | null): Refusal | null {
  if (mediaType(headers) !== "multipart/form-data") {
    return {
      status: 415,
      code: "unsupported_media_type",
      message: 'Send the file as multipart/form-data, in a form field named "file".',
    };
  }
  if (!origin && !headers.has("authorization")) {
    return {
      status: 403,
      code: "forbidden",
      message: "An upload must come from this studio's own pages or carry an API token.",
    };
  }
  return null;
}

/** A project import is the ZIP itself as the body; like an upload, a page's form cannot send it without an Origin. */
function checkImport(headers: Headers, origin: string | null): Refusal | null {
  if (mediaType(headers) !== "application/zip") {
    return {
      status: 415,
      code: "unsupported_media_type",
      message: "Send the project ZIP itself as the request body, with the header Content-Type: application/zip.",
    };
  }
  if (!origin && !headers.has("authorization")) {
    return {
      status: 403,
      code: "forbidden",
      message: "An import must come from this studio's own pages or carry an API token.",
    };
  }
  return null;
}
