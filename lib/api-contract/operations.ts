import { z } from "zod";
import { acceptInviteSchema, createTokenSchema, newAccountSchema, newInviteSchema } from "@/lib/auth/schemas";
import { ownerSetupSchema, signOutEverywhereSchema, updateUserSchema } from "@/lib/auth/schemas";
import { exportRequestSchema } from "@/lib/exports/export-spec";
import { addSceneSchema, createJobSchema, editSceneSchema, estimateQuerySchema } from "@/lib/jobs/schemas";
import { jobPollQuerySchema, listJobsQuerySchema, reorderScenesSchema } from "@/lib/jobs/schemas";
import { setMusicSchema, shareLinkSchema } from "@/lib/jobs/schemas";
import { createWebhookSchema } from "@/lib/outgoing-webhooks/webhook-events";

export type Method = "get" | "post" | "put" | "patch" | "delete";

/** One public operation: the schemas its route parses with, and the answers it gives. */
export interface Operation {
  method: Method;
  /** OpenAPI path template, e.g. /api/jobs/{id}. */
  path: string;
  summary: string;
  tag: string;
  body?: z.ZodType;
  query?: z.ZodType;
  /** A body that is not JSON, streamed by the edge (lib/server) rather than parsed by a route. */
  rawBody?: "multipart/form-data" | "application/zip";
  /** Success statuses with a sentence; a status with `empty` has no body. */
  ok: Record<number, { description: string; empty?: boolean; contentType?: string | string[] }>;
  /** Error statuses this operation answers besides the ones every operation can (400, 401, 404, 429, 500). */
  errors?: number[];
  /** Open to anyone: no bearer token. */
  public?: boolean;
}

const json = (description: string) => ({ description });
const none = (description: string) => ({ description, empty: true });

const jobs: Operation[] = [
  {
    method: "post",
    path: "/api/jobs",
    tag: "jobs",
    summary: "Start a video",
    body: createJobSchema,
    ok: { 201: json("The new job") },
    errors: [402, 413, 415],
  },
  {
    method: "post",
    path: "/api/jobs/import",
    tag: "jobs",
    summary: "Import a project ZIP",
    rawBody: "application/zip",
    ok: { 201: json("The new job") },
    errors: [402, 413, 415, 422],
  },
  {
    method: "get",
    path: "/api/jobs",
    tag: "jobs",
    summary: "Your jobs, newest first",
    query: listJobsQuerySchema,
    ok: { 200: json("A page of jobs") },
  },
  {
    method: "get",
    path: "/api/jobs/{id}",
    tag: "jobs",
    summary: "Poll a job (ETag, 304, wait=N)",
    query: jobPollQuerySchema,
    ok: { 200: json("The job"), 304: none("Unchanged since If-None-Match") },
  },
  {
    method: "post",
    path: "/api/jobs/{id}/approve",
    tag: "jobs",
    summary: "Approve the storyboard",
    ok: { 200: json("The job") },
    errors: [402, 409],
  },
  {
    method: "post",
    path: "/api/jobs/{id}/cancel",
    tag: "jobs",
    summary: "Cancel the job",
    ok: { 200: json("The job") },
    errors: [409],
  },
  {
    method: "post",
    path: "/api/jobs/{id}/retry",
    tag: "jobs",
    summary: "Resume a failed job",
    ok: { 200: json("The job") },
    errors: [409],
  },
  {
    method: "post",
    path: "/api/jobs/{id}/scenes",
    tag: "scenes",
    summary: "Add a scene",
    body: addSceneSchema,
    ok: { 201: json("The new scene's id and the job") },
    errors: [409],
  },
  {
    method: "patch",
    path: "/api/jobs/{id}/scenes/{sceneId}",
    tag: "scenes",
    summary: "Edit a scene",
    body: editSceneSchema,
    ok: { 200: json("The job") },
    errors: [409],
  },
  {
    method: "delete",
    path: "/api/jobs/{id}/scenes/{sceneId}",
    tag: "scenes",
    summary: "Remove a scene",
    ok: { 200: json("The job") },
    errors: [409],
  },
  {
    method: "post",
    path: "/api/jobs/{id}/scenes/{sceneId}/regenerate",
    tag: "scenes",
    summary: "Redraw one still",
    ok: { 202: json("The job") },
    errors: [409],
  },
  {
    method: "put",
    path: "/api/jobs/{id}/scenes/order",
    tag: "scenes",
    summary: "Reorder scenes",
    body: reorderScenesSchema,
    ok: { 200: json("The job") },
    errors: [409],
  },
  {
    method: "put",
    path: "/api/jobs/{id}/music",
    tag: "jobs",
    summary: "Set the next version's music bed",
    body: setMusicSchema,
    ok: { 200: json("The job") },
    errors: [409],
  },
  {
    method: "post",
    path: "/api/jobs/{id}/share",
    tag: "jobs",
    summary: "Make a share link",
    body: shareLinkSchema,
    ok: { 201: json("The link and when it expires") },
    errors: [409],
  },
  { method: "delete", path: "/api/jobs/{id}/share", tag: "jobs", summary: "End the share link", ok: { 204: none("Ended") } },
  {
    method: "get",
    path: "/api/jobs/{id}/captions/{format}",
    tag: "jobs",
    summary: "Captions as SRT or WebVTT",
    ok: { 200: { description: "The captions", contentType: ["text/vtt", "application/x-subrip"] } },
  },
];

const versions: Operation[] = [
  {
    method: "get",
    path: "/api/jobs/{id}/versions",
    tag: "versions",
    summary: "The job's versions",
    ok: { 200: json("Its versions") },
  },
  {
    method: "post",
    path: "/api/jobs/{id}/versions",
    tag: "versions",
    summary: "Render the edited scenes as the next version",
    ok: { 202: json("The job, rendering") },
    errors: [402, 409],
  },
  {
    method: "get",
    path: "/api/jobs/{id}/versions/estimate",
    tag: "versions",
    summary: "What the next version makes again and costs",
    ok: { 200: json("The estimate") },
  },
  {
    method: "post",
    path: "/api/jobs/{id}/versions/{number}/current",
    tag: "versions",
    summary: "Make a finished version current",
    ok: { 200: json("The job") },
    errors: [409],
  },
];

const exports: Operation[] = [
  {
    method: "get",
    path: "/api/jobs/{id}/exports",
    tag: "exports",
    summary: "The job's exports",
    ok: { 200: json("Its exports") },
  },
  {
    method: "post",
    path: "/api/jobs/{id}/exports",
    tag: "exports",
    summary: "Export a version",
    body: exportRequestSchema,
    ok: { 200: json("The export asked for before"), 202: json("The new export") },
    errors: [409],
  },
  {
    method: "get",
    path: "/api/jobs/{id}/exports/{exportId}",
    tag: "exports",
    summary: "One export",
    ok: { 200: json("The export") },
  },
  {
    method: "delete",
    path: "/api/jobs/{id}/exports/{exportId}",
    tag: "exports",
    summary: "Delete an export",
    ok: { 204: none("Deleted") },
  },
  {
    method: "get",
    path: "/api/jobs/{id}/exports/{exportId}/file",
    tag: "exports",
    summary: "Download an export (ranges)",
    ok: {
      200: { description: "The file", contentType: "application/octet-stream" },
      206: { description: "A range", contentType: "application/octet-stream" },
    },
    errors: [409, 416],
  },
];

const account: Operation[] = [
  {
    method: "get",
    path: "/api/estimate",
    tag: "jobs",
    summary: "The cost estimate for these settings",
    query: estimateQuerySchema,
    ok: { 200: json("The estimate and budget") },
  },
  {
    method: "post",
    path: "/api/uploads",
    tag: "uploads",
    summary: "Upload a reference image or a sound (multipart field file)",
    rawBody: "multipart/form-data",
    ok: { 200: json("The same file, uploaded before"), 201: json("The new upload") },
    errors: [409, 413, 415],
  },
  { method: "get", path: "/api/uploads", tag: "uploads", summary: "Your uploads", ok: { 200: json("Your uploads") } },
  { method: "get", path: "/api/uploads/{id}", tag: "uploads", summary: "One upload", ok: { 200: json("The upload") } },
  {
    method: "delete",
    path: "/api/uploads/{id}",
    tag: "uploads",
    summary: "Delete an upload",
    ok: { 204: none("Deleted") },
    errors: [409],
  },
  {
    method: "get",
    path: "/api/tokens",
    tag: "tokens",
    summary: "Your API tokens",
    ok: { 200: json("Your tokens, without their secrets") },
  },
  {
    method: "post",
    path: "/api/tokens",
    tag: "tokens",
    summary: "Make an API token",
    body: createTokenSchema,
    ok: { 201: json("The token, shown this once") },
  },
  { method: "delete", path: "/api/tokens/{id}", tag: "tokens", summary: "Revoke an API token", ok: { 204: none("Revoked") } },
  {
    method: "get",
    path: "/api/webhooks",
    tag: "webhooks",
    summary: "Your outgoing webhooks, with each one's last status",
    ok: { 200: json("Your webhooks, without their secrets") },
  },
  {
    method: "post",
    path: "/api/webhooks",
    tag: "webhooks",
    summary: "Register an address for video and export events",
    body: createWebhookSchema,
    ok: { 201: json("The webhook and its signing secret, shown this once") },
    errors: [409],
  },
  { method: "delete", path: "/api/webhooks/{id}", tag: "webhooks", summary: "Delete a webhook", ok: { 204: none("Deleted") } },
  {
    method: "post",
    path: "/api/account/sign-out-everywhere",
    tag: "account",
    summary: "End every session",
    body: signOutEverywhereSchema,
    ok: { 204: none("Signed out") },
  },
  {
    method: "post",
    path: "/api/setup",
    tag: "account",
    summary: "Create the owner's account, once",
    body: ownerSetupSchema,
    ok: { 201: json("The owner") },
    errors: [403, 409],
    public: true,
  },
  {
    method: "post",
    path: "/api/signup",
    tag: "account",
    summary: "Sign up when SIGNUP=open",
    body: newAccountSchema,
    ok: { 201: json("The account") },
    errors: [403, 409],
    public: true,
  },
  {
    method: "post",
    path: "/api/invites/accept",
    tag: "account",
    summary: "An account from an invite",
    body: acceptInviteSchema,
    ok: { 201: json("The account") },
    errors: [409, 410],
    public: true,
  },
  {
    method: "get",
    path: "/api/health",
    tag: "operations",
    summary: "Liveness, or readiness with ready=1",
    ok: { 200: json("Healthy"), 503: json("Not healthy or not ready") },
    public: true,
  },
];

const admin: Operation[] = [
  { method: "get", path: "/api/invites", tag: "admin", summary: "Invite links", ok: { 200: json("The invites") } },
  {
    method: "post",
    path: "/api/invites",
    tag: "admin",
    summary: "Make an invite link",
    body: newInviteSchema,
    ok: { 201: json("The invite") },
  },
  { method: "delete", path: "/api/invites/{id}", tag: "admin", summary: "Revoke an invite", ok: { 204: none("Revoked") } },
  { method: "get", path: "/api/users", tag: "admin", summary: "Everyone, with videos and spend", ok: { 200: json("The users") } },
  {
    method: "patch",
    path: "/api/users/{id}",
    tag: "admin",
    summary: "Disable a user or set a daily budget",
    body: updateUserSchema,
    ok: { 200: json("The user") },
    errors: [409],
  },
  {
    method: "post",
    path: "/api/users/{id}/password",
    tag: "admin",
    summary: "Set a new password",
    ok: { 200: json("The new password") },
  },
  { method: "get", path: "/api/spend", tag: "admin", summary: "Spend dashboard figures", ok: { 200: json("The figures") } },
  {
    method: "get",
    path: "/api/spend/ledger",
    tag: "admin",
    summary: "The ledger of 30 days as CSV",
    ok: { 200: { description: "CSV", contentType: "text/csv" } },
  },
];

export const OPERATIONS: Operation[] = [...jobs, ...versions, ...exports, ...account, ...admin];

/** Route files under app/api that are not in the document, each with why. */
export const INTERNAL_ROUTES: Record<string, string> = {
  "/api/auth/[...all]": "better-auth's own endpoints (sign-in, sign-out, session)",
  "/api/bench/bare": "a benchmark baseline, not an API",
  "/api/mcp": "the MCP server speaks JSON-RPC, described by its tools (README)",
  "/api/metrics": "Prometheus text for scrapers",
  "/api/webhooks/replicate": "signed callbacks from Replicate",
};
