// Made by `npm run api:types` from the OpenAPI document (lib/api-contract): edit the schemas there, not this file.
// tests/unit/api-client.test.ts fails when the two differ.
export interface paths {
  "/api/account/sign-out-everywhere": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** End every session */
    post: operations["postApiAccountSignOutEverywhere"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/estimate": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The cost estimate for these settings */
    get: operations["getApiEstimate"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/health": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Liveness, or readiness with ready=1 */
    get: operations["getApiHealth"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/invites": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Invite links */
    get: operations["getApiInvites"];
    put?: never;
    /** Make an invite link */
    post: operations["postApiInvites"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/invites/{id}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Revoke an invite */
    delete: operations["deleteApiInvitesById"];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/invites/accept": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** An account from an invite */
    post: operations["postApiInvitesAccept"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/jobs": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Your jobs, newest first */
    get: operations["getApiJobs"];
    put?: never;
    /** Start a video */
    post: operations["postApiJobs"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/jobs/{id}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Poll a job (ETag, 304, wait=N) */
    get: operations["getApiJobsById"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/jobs/{id}/approve": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Approve the storyboard */
    post: operations["postApiJobsByIdApprove"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/jobs/{id}/cancel": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Cancel the job */
    post: operations["postApiJobsByIdCancel"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/jobs/{id}/captions/{format}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Captions as SRT or WebVTT */
    get: operations["getApiJobsByIdCaptionsByFormat"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/jobs/{id}/exports": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The job's exports */
    get: operations["getApiJobsByIdExports"];
    put?: never;
    /** Export a version */
    post: operations["postApiJobsByIdExports"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/jobs/{id}/exports/{exportId}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One export */
    get: operations["getApiJobsByIdExportsByExportId"];
    put?: never;
    post?: never;
    /** Delete an export */
    delete: operations["deleteApiJobsByIdExportsByExportId"];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/jobs/{id}/exports/{exportId}/file": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Download an export (ranges) */
    get: operations["getApiJobsByIdExportsByExportIdFile"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/jobs/{id}/music": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** Set the next version's music bed */
    put: operations["putApiJobsByIdMusic"];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/jobs/{id}/retry": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Resume a failed job */
    post: operations["postApiJobsByIdRetry"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/jobs/{id}/scenes": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Add a scene */
    post: operations["postApiJobsByIdScenes"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/jobs/{id}/scenes/{sceneId}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Remove a scene */
    delete: operations["deleteApiJobsByIdScenesBySceneId"];
    options?: never;
    head?: never;
    /** Edit a scene */
    patch: operations["patchApiJobsByIdScenesBySceneId"];
    trace?: never;
  };
  "/api/jobs/{id}/scenes/{sceneId}/regenerate": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Redraw one still */
    post: operations["postApiJobsByIdScenesBySceneIdRegenerate"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/jobs/{id}/scenes/order": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** Reorder scenes */
    put: operations["putApiJobsByIdScenesOrder"];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/jobs/{id}/share": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Make a share link */
    post: operations["postApiJobsByIdShare"];
    /** End the share link */
    delete: operations["deleteApiJobsByIdShare"];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/jobs/{id}/versions": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The job's versions */
    get: operations["getApiJobsByIdVersions"];
    put?: never;
    /** Render the edited scenes as the next version */
    post: operations["postApiJobsByIdVersions"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/jobs/{id}/versions/{number}/current": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Make a finished version current */
    post: operations["postApiJobsByIdVersionsByNumberCurrent"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/jobs/{id}/versions/estimate": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** What the next version makes again and costs */
    get: operations["getApiJobsByIdVersionsEstimate"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/jobs/import": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Import a project ZIP */
    post: operations["postApiJobsImport"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/setup": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Create the owner's account, once */
    post: operations["postApiSetup"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/signup": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Sign up when SIGNUP=open */
    post: operations["postApiSignup"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/spend": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Spend dashboard figures */
    get: operations["getApiSpend"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/spend/ledger": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The ledger of 30 days as CSV */
    get: operations["getApiSpendLedger"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/tokens": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Your API tokens */
    get: operations["getApiTokens"];
    put?: never;
    /** Make an API token */
    post: operations["postApiTokens"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/tokens/{id}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Revoke an API token */
    delete: operations["deleteApiTokensById"];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/uploads": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Your uploads */
    get: operations["getApiUploads"];
    put?: never;
    /** Upload a reference image or a sound (multipart field file) */
    post: operations["postApiUploads"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/uploads/{id}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One upload */
    get: operations["getApiUploadsById"];
    put?: never;
    post?: never;
    /** Delete an upload */
    delete: operations["deleteApiUploadsById"];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/users": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Everyone, with videos and spend */
    get: operations["getApiUsers"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/users/{id}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Disable a user or set a daily budget */
    patch: operations["patchApiUsersById"];
    trace?: never;
  };
  "/api/users/{id}/password": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Set a new password */
    post: operations["postApiUsersByIdPassword"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/webhooks": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Your outgoing webhooks, with each one's last status */
    get: operations["getApiWebhooks"];
    put?: never;
    /** Register an address for video and export events */
    post: operations["postApiWebhooks"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/webhooks/{id}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Delete a webhook */
    delete: operations["deleteApiWebhooksById"];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    ErrorBody: {
      error: {
        /** @enum {string} */
        code:
          | "invalid_input"
          | "unauthorized"
          | "forbidden"
          | "method_not_allowed"
          | "misdirected_request"
          | "unsupported_media_type"
          | "payload_too_large"
          | "not_found"
          | "conflict"
          | "range_not_satisfiable"
          | "rate_limited"
          | "gone"
          | "bad_gateway"
          | "budget_exceeded"
          | "unprocessable"
          | "internal";
        message: string;
        requestId?: string;
      };
    };
  };
  responses: {
    /** @description The input does not fit (the message says which field and why) */
    Error400: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        "application/json": components["schemas"]["ErrorBody"];
      };
    };
    /** @description No session or API token */
    Error401: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        "application/json": components["schemas"]["ErrorBody"];
      };
    };
    /** @description Over a budget */
    Error402: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        "application/json": components["schemas"]["ErrorBody"];
      };
    };
    /** @description Not allowed */
    Error403: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        "application/json": components["schemas"]["ErrorBody"];
      };
    };
    /** @description No such thing, or not yours */
    Error404: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        "application/json": components["schemas"]["ErrorBody"];
      };
    };
    /** @description Not in a state that allows this */
    Error409: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        "application/json": components["schemas"]["ErrorBody"];
      };
    };
    /** @description Expired or used */
    Error410: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        "application/json": components["schemas"]["ErrorBody"];
      };
    };
    /** @description Body too large */
    Error413: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        "application/json": components["schemas"]["ErrorBody"];
      };
    };
    /** @description Wrong Content-Type */
    Error415: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        "application/json": components["schemas"]["ErrorBody"];
      };
    };
    /** @description Range not satisfiable */
    Error416: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        "application/json": components["schemas"]["ErrorBody"];
      };
    };
    /** @description Error */
    Error422: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        "application/json": components["schemas"]["ErrorBody"];
      };
    };
    /** @description Too many requests (Retry-After) */
    Error429: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        "application/json": components["schemas"]["ErrorBody"];
      };
    };
    /** @description Unexpected failure: a generic sentence and the request id */
    Error500: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        "application/json": components["schemas"]["ErrorBody"];
      };
    };
  };
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  postApiAccountSignOutEverywhere: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          revokeTokens?: boolean;
        };
      };
    };
    responses: {
      /** @description Signed out */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components["responses"]["Error400"];
      401: components["responses"]["Error401"];
      404: components["responses"]["Error404"];
      429: components["responses"]["Error429"];
      500: components["responses"]["Error500"];
    };
  };
  getApiEstimate: {
    parameters: {
      query?: {
        aspectRatio?: "16:9" | "9:16" | "1:1";
        clipModel?: string;
        clipResolution?: string;
        continuity?: "none" | "continuous" | "chained";
        narration?: "true" | "false";
        reference?: "true" | "false";
        sceneCount?: number;
        targetSeconds?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The estimate and budget */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            backend: string;
            budget: {
              refusal: string | null;
              warning: string | null;
            } & {
              [key: string]: unknown;
            };
            lines: ({
              label: string;
              usd: number;
            } & {
              [key: string]: unknown;
            })[];
            totalUsd: number;
          } & {
            [key: string]: unknown;
          };
        };
      };
      400: components["responses"]["Error400"];
      401: components["responses"]["Error401"];
      404: components["responses"]["Error404"];
      429: components["responses"]["Error429"];
      500: components["responses"]["Error500"];
    };
  };
  getApiHealth: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Healthy */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            [key: string]: unknown;
          };
        };
      };
      400: components["responses"]["Error400"];
      401: components["responses"]["Error401"];
      404: components["responses"]["Error404"];
      429: components["responses"]["Error429"];
      500: components["responses"]["Error500"];
      /** @description Not healthy or not ready */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            [key: string]: unknown;
          };
        };
      };
    };
  };
  getApiInvites: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The invites */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            [key: string]: unknown;
          };
        };
      };
      400: components["responses"]["Error400"];
      401: components["responses"]["Error401"];
      404: components["responses"]["Error404"];
      429: components["responses"]["Error429"];
      500: components["responses"]["Error500"];
    };
  };
  postApiInvites: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          email?: string;
        };
      };
    };
    responses: {
      /** @description The invite */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            [key: string]: unknown;
          };
        };
      };
      400: components["responses"]["Error400"];
      401: components["responses"]["Error401"];
      404: components["responses"]["Error404"];
      429: components["responses"]["Error429"];
      500: components["responses"]["Error500"];
    };
  };
  deleteApiInvitesById: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Revoked */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components["responses"]["Error400"];
      401: components["responses"]["Error401"];
      404: components["responses"]["Error404"];
      429: components["responses"]["Error429"];
      500: components["responses"]["Error500"];
    };
  };
  postApiInvitesAccept: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          email: string;
          name: string;
          password: string;
          token: string;
        };
      };
    };
    responses: {
      /** @description The account */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            [key: string]: unknown;
          };
        };
      };
      400: components["responses"]["Error400"];
      401: components["responses"]["Error401"];
      404: components["responses"]["Error404"];
      409: components["responses"]["Error409"];
      410: components["responses"]["Error410"];
      429: components["responses"]["Error429"];
      500: components["responses"]["Error500"];
    };
  };
  getApiJobs: {
    parameters: {
      query?: {
        cursor?: string;
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of jobs */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            jobs: ({
              id: string;
              status: string;
            } & {
              [key: string]: unknown;
            })[];
            nextCursor: string | null;
          } & {
            [key: string]: unknown;
          };
        };
      };
      400: components["responses"]["Error400"];
      401: components["responses"]["Error401"];
      404: components["responses"]["Error404"];
      429: components["responses"]["Error429"];
      500: components["responses"]["Error500"];
    };
  };
  postApiJobs: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          /**
           * @default 16:9
           * @enum {string}
           */
          aspectRatio?: "16:9" | "9:16" | "1:1";
          /** @default false */
          autoApprove?: boolean;
          clipModel?: string;
          clipResolution?: string;
          /** @enum {string} */
          continuity?: "none" | "continuous" | "chained";
          musicUploadId?: string;
          /** @default false */
          narration?: boolean;
          prompt: string;
          referenceUploadId?: string;
          /** @default 4 */
          sceneCount?: number;
          seed?: number;
          /**
           * @default cinematic
           * @enum {string}
           */
          style?: "cinematic" | "storybook" | "watercolor" | "neon" | "noir";
          targetSeconds?: number;
          /** @enum {string} */
          voice?: "en-us" | "en-us+f3" | "en-gb" | "en-gb+f2" | "en-gb-scotland";
        };
      };
    };
    responses: {
      /** @description The new job */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            approval:
              | ({
                  costUsd: number;
                  refusal: string | null;
                } & {
                  [key: string]: unknown;
                })
              | null;
            costUsd: number;
            downloadUrl: string | null;
            draftVersion: number;
            durationSec: number | null;
            editable: boolean;
            error: string | null;
            estimatedCostUsd: number;
            etaSeconds: number | null;
            id: string;
            isFinal: boolean;
            links: {
              approve: string;
              cancel: string;
              page: string;
              self: string;
            } & {
              [key: string]: unknown;
            };
            percent: number;
            prompt: string;
            scenes: ({
              caption: string;
              durationSec: number;
              id: string;
              imagePrompt: string;
              position: number;
            } & {
              [key: string]: unknown;
            })[];
            stage: string;
            /** @enum {string} */
            status:
              | "queued"
              | "parsing"
              | "storyboarding"
              | "awaiting_approval"
              | "rendering"
              | "stitching"
              | "completed"
              | "failed"
              | "canceled";
            versions: ({
              number: number;
            } & {
              [key: string]: unknown;
            })[];
            videoUrl: string | null;
          } & {
            [key: string]: unknown;
          };
        };
      };
      400: components["responses"]["Error400"];
      401: components["responses"]["Error401"];
      402: components["responses"]["Error402"];
      404: components["responses"]["Error404"];
      413: components["responses"]["Error413"];
      415: components["responses"]["Error415"];
      429: components["responses"]["Error429"];
      500: components["responses"]["Error500"];
    };
  };
  getApiJobsById: {
    parameters: {
      query?: {
        wait?: number;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The job */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            approval:
              | ({
                  costUsd: number;
                  refusal: string | null;
                } & {
                  [key: string]: unknown;
                })
              | null;
            costUsd: number;
            downloadUrl: string | null;
            draftVersion: number;
            durationSec: number | null;
            editable: boolean;
            error: string | null;
            estimatedCostUsd: number;
            etaSeconds: number | null;
            id: string;
            isFinal: boolean;
            links: {
              approve: string;
              cancel: string;
              page: string;
              self: string;
            } & {
              [key: string]: unknown;
            };
            percent: number;
            prompt: string;
            scenes: ({
              caption: string;
              durationSec: number;
              id: string;
              imagePrompt: string;
              position: number;
            } & {
              [key: string]: unknown;
            })[];
            stage: string;
            /** @enum {string} */
            status:
              | "queued"
              | "parsing"
              | "storyboarding"
              | "awaiting_approval"
              | "rendering"
              | "stitching"
              | "completed"
              | "failed"
              | "canceled";
            versions: ({
              number: number;
            } & {
              [key: string]: unknown;
            })[];
            videoUrl: string | null;
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description Unchanged since If-None-Match */
      304: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components["responses"]["Error400"];
      401: components["responses"]["Error401"];
      404: components["responses"]["Error404"];
      429: components["responses"]["Error429"];
      500: components["responses"]["Error500"];
    };
  };
  postApiJobsByIdApprove: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The job */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            approval:
              | ({
                  costUsd: number;
                  refusal: string | null;
                } & {
                  [key: string]: unknown;
                })
              | null;
            costUsd: number;
            downloadUrl: string | null;
            draftVersion: number;
            durationSec: number | null;
            editable: boolean;
            error: string | null;
            estimatedCostUsd: number;
            etaSeconds: number | null;
            id: string;
            isFinal: boolean;
            links: {
              approve: string;
              cancel: string;
              page: string;
              self: string;
            } & {
              [key: string]: unknown;
            };
            percent: number;
            prompt: string;
            scenes: ({
              caption: string;
              durationSec: number;
              id: string;
              imagePrompt: string;
              position: number;
            } & {
              [key: string]: unknown;
            })[];
            stage: string;
            /** @enum {string} */
            status:
              | "queued"
              | "parsing"
              | "storyboarding"
              | "awaiting_approval"
              | "rendering"
              | "stitching"
              | "completed"
              | "failed"
              | "canceled";
            versions: ({
              number: number;
            } & {
              [key: string]: unknown;
            })[];
            videoUrl: string | null;
          } & {
            [key: string]: unknown;
          };
        };
      };
      400: components["responses"]["Error400"];
      401: components["responses"]["Error401"];
      402: components["responses"]["Error402"];
      404: components["responses"]["Error404"];
      409: components["responses"]["Error409"];
      429: components["responses"]["Error429"];
      500: components["responses"]["Error500"];
    };
  };
  postApiJobsByIdCancel: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The job */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            approval:
              | ({
                  costUsd: number;
                  refusal: string | null;
                } & {
                  [key: string]: unknown;
                })
              | null;
            costUsd: number;
            downloadUrl: string | null;
            draftVersion: number;
            durationSec: number | null;
            editable: boolean;
            error: string | null;
            estimatedCostUsd: number;
            etaSeconds: number | null;
            id: string;
            isFinal: boolean;
            links: {
              approve: string;
              cancel: string;
              page: string;
              self: string;
            } & {
              [key: string]: unknown;
            };
            percent: number;
            prompt: string;
            scenes: ({
              caption: string;
              durationSec: number;
              id: string;
              imagePrompt: string;
              position: number;
            } & {
              [key: string]: unknown;
            })[];
            stage: string;
            /** @enum {string} */
            status:
              | "queued"
              | "parsing"
              | "storyboarding"
              | "awaiting_approval"
              | "rendering"
              | "stitching"
              | "completed"
              | "failed"
              | "canceled";
            versions: ({
              number: number;
            } & {
              [key: string]: unknown;
            })[];
            videoUrl: string | null;
          } & {
            [key: string]: unknown;
          };
        };
      };
      400: components["responses"]["Error400"];
      401: components["responses"]["Error401"];
      404: components["responses"]["Error404"];
      409: components["responses"]["Error409"];
      429: components["responses"]["Error429"];
      500: components["responses"]["Error500"];
    };
  };
  getApiJobsByIdCaptionsByFormat: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        format: string;
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The captions */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/x-subrip": string;
          "text/vtt": string;
        };
      };
      400: components["responses"]["Error400"];
      401: components["responses"]["Error401"];
      404: components["responses"]["Error404"];
      429: components["responses"]["Error429"];
      500: components["responses"]["Error500"];
    };
  };
  getApiJobsByIdExports: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Its exports */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            exports: ({
              id: string;
              status: string;
            } & {
              [key: string]: unknown;
            })[];
          };
        };
      };
      400: components["responses"]["Error400"];
      401: components["responses"]["Error401"];
      404: components["responses"]["Error404"];
      429: components["responses"]["Error429"];
      500: components["responses"]["Error500"];
    };
  };
  postApiJobsByIdExports: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          /** @enum {string} */
          aspect?: "16:9" | "9:16" | "1:1";
          /** @enum {string} */
          fit?: "cover" | "blur";
          /** @enum {string} */
          format?: "mp4" | "webm" | "gif" | "webp" | "poster" | "vtt" | "srt" | "project";
          /** @enum {string} */
          preset?: "tiktok" | "youtube" | "square";
          /** @enum {string} */
          resolution?: "1080p" | "720p" | "480p";
          version: number;
        };
      };
    };
    responses: {
      /** @description The export asked for before */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            status: string;
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description The new export */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            status: string;
          } & {
            [key: string]: unknown;
          };
        };
      };
      400: components["responses"]["Error400"];
      401: components["responses"]["Error401"];
      404: components["responses"]["Error404"];
      409: components["responses"]["Error409"];
      429: components["responses"]["Error429"];
      500: components["responses"]["Error500"];
    };
  };
  getApiJobsByIdExportsByExportId: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        exportId: string;
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The export */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            status: string;
          } & {
            [key: string]: unknown;
          };
        };
      };
      400: components["responses"]["Error400"];
      401: components["responses"]["Error401"];
      404: components["responses"]["Error404"];
      429: components["responses"]["Error429"];
      500: components["responses"]["Error500"];
    };
  };
  deleteApiJobsByIdExportsByExportId: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        exportId: string;
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components["responses"]["Error400"];
      401: components["responses"]["Error401"];
      404: components["responses"]["Error404"];
      429: components["responses"]["Error429"];
      500: components["responses"]["Error500"];
    };
  };
  getApiJobsByIdExportsByExportIdFile: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        exportId: string;
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The file */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/octet-stream": string;
        };
      };
      /** @description A range */
      206: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/octet-stream": string;
        };
      };
      400: components["responses"]["Error400"];
      401: components["responses"]["Error401"];
      404: components["responses"]["Error404"];
      409: components["responses"]["Error409"];
      416: components["responses"]["Error416"];
      429: components["responses"]["Error429"];
      500: components["responses"]["Error500"];
    };
  };
  putApiJobsByIdMusic: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          uploadId: string | null;
        };
      };
    };
    responses: {
      /** @description The job */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            approval:
              | ({
                  costUsd: number;
                  refusal: string | null;
                } & {
                  [key: string]: unknown;
                })
              | null;
            costUsd: number;
            downloadUrl: string | null;
            draftVersion: number;
            durationSec: number | null;
            editable: boolean;
            error: string | null;
            estimatedCostUsd: number;
            etaSeconds: number | null;
            id: string;
            isFinal: boolean;
            links: {
              approve: string;
              cancel: string;
              page: string;
              self: string;
            } & {
              [key: string]: unknown;
            };
            percent: number;
            prompt: string;
            scenes: ({
              caption: string;
              durationSec: number;
              id: string;
              imagePrompt: string;
              position: number;
            } & {
              [key: string]: unknown;
            })[];
            stage: string;
            /** @enum {string} */
            status:
              | "queued"
              | "parsing"
              | "storyboarding"
              | "awaiting_approval"
              | "rendering"
              | "stitching"
              | "completed"
              | "failed"
              | "canceled";
            versions: ({
              number: number;
            } & {
              [key: string]: unknown;
            })[];
            videoUrl: string | null;
          } & {
            [key: string]: unknown;
          };
        };
      };
      400: components["responses"]["Error400"];
      401: components["responses"]["Error401"];
      404: components["responses"]["Error404"];
      409: components["responses"]["Error409"];
      429: components["responses"]["Error429"];
      500: components["responses"]["Error500"];
    };
  };
  postApiJobsByIdRetry: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The job */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            approval:
              | ({
                  costUsd: number;
                  refusal: string | null;
                } & {
                  [key: string]: unknown;
                })
              | null;
            costUsd: number;
            downloadUrl: string | null;
            draftVersion: number;
            durationSec: number | null;
            editable: boolean;
            error: string | null;
            estimatedCostUsd: number;
            etaSeconds: number | null;
            id: string;
            isFinal: boolean;
            links: {
              approve: string;
              cancel: string;
              page: string;
              self: string;
            } & {
              [key: string]: unknown;
            };
            percent: number;
            prompt: string;
            scenes: ({
              caption: string;
              durationSec: number;
              id: string;
              imagePrompt: string;
              position: number;
            } & {
              [key: string]: unknown;
            })[];
            stage: string;
            /** @enum {string} */
            status:
              | "queued"
              | "parsing"
              | "storyboarding"
              | "awaiting_approval"
              | "rendering"
              | "stitching"
              | "completed"
              | "failed"
              | "canceled";
            versions: ({
              number: number;
            } & {
              [key: string]: unknown;
            })[];
            videoUrl: string | null;
          } & {
            [key: string]: unknown;
          };
        };
      };
      400: components["responses"]["Error400"];
      401: components["responses"]["Error401"];
      404: components["responses"]["Error404"];
      409: components["responses"]["Error409"];
      429: components["responses"]["Error429"];
      500: components["responses"]["Error500"];
    };
  };
  postApiJobsByIdScenes: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          afterSceneId?: string;
          caption: string;
          durationSec: number;
          imagePrompt: string;
          /** @enum {string} */
          motion: "zoom-in" | "zoom-out" | "pan-left" | "pan-right" | "pan-up" | "pan-down";
        };
      };
    };
    responses: {
      /** @description The new scene's id and the job */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            job: {
              approval:
                | ({
                    costUsd: number;
                    refusal: string | null;
                  } & {
                    [key: string]: unknown;
                  })
                | null;
              costUsd: number;
              downloadUrl: string | null;
              draftVersion: number;
              durationSec: number | null;
              editable: boolean;
              error: string | null;
              estimatedCostUsd: number;
              etaSeconds: number | null;
              id: string;
              isFinal: boolean;
              links: {
                approve: string;
                cancel: string;
                page: string;
                self: string;
              } & {
                [key: string]: unknown;
              };
              percent: number;
              prompt: string;
              scenes: ({
                caption: string;
                durationSec: number;
                id: string;
                imagePrompt: string;
                position: number;
              } & {
                [key: string]: unknown;
              })[];
              stage: string;
              /** @enum {string} */
              status:
                | "queued"
                | "parsing"
                | "storyboarding"
                | "awaiting_approval"
                | "rendering"
                | "stitching"
                | "completed"
                | "failed"
                | "canceled";
              versions: ({
                number: number;
              } & {
                [key: string]: unknown;
              })[];
              videoUrl: string | null;
            } & {
              [key: string]: unknown;
            };
            sceneId: string;
          };
        };
      };
      400: components["responses"]["Error400"];
      401: components["responses"]["Error401"];
      404: components["responses"]["Error404"];
      409: components["responses"]["Error409"];
      429: components["responses"]["Error429"];
      500: components["responses"]["Error500"];
    };
  };
  deleteApiJobsByIdScenesBySceneId: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        sceneId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The job */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            approval:
              | ({
                  costUsd: number;
                  refusal: string | null;
                } & {
                  [key: string]: unknown;
                })
              | null;
            costUsd: number;
            downloadUrl: string | null;
            draftVersion: number;
            durationSec: number | null;
            editable: boolean;
            error: string | null;
            estimatedCostUsd: number;
            etaSeconds: number | null;
            id: string;
            isFinal: boolean;
            links: {
              approve: string;
              cancel: string;
              page: string;
              self: string;
            } & {
              [key: string]: unknown;
            };
            percent: number;
            prompt: string;
            scenes: ({
              caption: string;
              durationSec: number;
              id: string;
              imagePrompt: string;
              position: number;
            } & {
              [key: string]: unknown;
            })[];
            stage: string;
            /** @enum {string} */
            status:
              | "queued"
              | "parsing"
              | "storyboarding"
              | "awaiting_approval"
              | "rendering"
              | "stitching"
              | "completed"
              | "failed"
              | "canceled";
            versions: ({
              number: number;
            } & {
              [key: string]: unknown;
            })[];
            videoUrl: string | null;
          } & {
            [key: string]: unknown;
          };
        };
      };
      400: components["responses"]["Error400"];
      401: components["responses"]["Error401"];
      404: components["responses"]["Error404"];
      409: components["responses"]["Error409"];
      429: components["responses"]["Error429"];
      500: components["responses"]["Error500"];
    };
  };
  patchApiJobsByIdScenesBySceneId: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        sceneId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          caption?: string;
          durationSec?: number;
          /** @enum {string} */
          fit?: "cover" | "blur";
          imagePrompt?: string;
          /** @enum {string} */
          motion?: "zoom-in" | "zoom-out" | "pan-left" | "pan-right" | "pan-up" | "pan-down";
          narrate?: boolean;
          uploadId?: string;
        };
      };
    };
    responses: {
      /** @description The job */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            approval:
              | ({
                  costUsd: number;
                  refusal: string | null;
                } & {
                  [key: string]: unknown;
                })
              | null;
            costUsd: number;
            downloadUrl: string | null;
            draftVersion: number;
            durationSec: number | null;
            editable: boolean;
            error: string | null;
            estimatedCostUsd: number;
            etaSeconds: number | null;
            id: string;
            isFinal: boolean;
            links: {
              approve: string;
              cancel: string;
              page: string;
              self: string;
            } & {
              [key: string]: unknown;
            };
            percent: number;
            prompt: string;
            scenes: ({
              caption: string;
              durationSec: number;
              id: string;
              imagePrompt: string;
              position: number;
            } & {
              [key: string]: unknown;
            })[];
            stage: string;
            /** @enum {string} */
            status:
              | "queued"
              | "parsing"
              | "storyboarding"
              | "awaiting_approval"
              | "rendering"
              | "stitching"
              | "completed"
              | "failed"
              | "canceled";
            versions: ({
              number: number;
            } & {
              [key: string]: unknown;
            })[];
            videoUrl: string | null;
          } & {
            [key: string]: unknown;
          };
        };
      };
      400: components["responses"]["Error400"];
      401: components["responses"]["Error401"];
      404: components["responses"]["Error404"];
      409: components["responses"]["Error409"];
      429: components["responses"]["Error429"];
      500: components["responses"]["Error500"];
    };
  };
  postApiJobsByIdScenesBySceneIdRegenerate: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        sceneId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The job */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            approval:
              | ({
                  costUsd: number;
                  refusal: string | null;
                } & {
                  [key: string]: unknown;
                })
              | null;
            costUsd: number;
            downloadUrl: string | null;
            draftVersion: number;
            durationSec: number | null;
            editable: boolean;
            error: string | null;
            estimatedCostUsd: number;
            etaSeconds: number | null;
            id: string;
            isFinal: boolean;
            links: {
              approve: string;
              cancel: string;
              page: string;
              self: string;
            } & {
              [key: string]: unknown;
            };
            percent: number;
            prompt: string;
            scenes: ({
              caption: string;
              durationSec: number;
              id: string;
              imagePrompt: string;
              position: number;
            } & {
              [key: string]: unknown;
            })[];
            stage: string;
            /** @enum {string} */
            status:
              | "queued"
              | "parsing"
              | "storyboarding"
              | "awaiting_approval"
              | "rendering"
              | "stitching"
              | "completed"
              | "failed"
              | "canceled";
            versions: ({
              number: number;
            } & {
              [key: string]: unknown;
            })[];
            videoUrl: string | null;
          } & {
            [key: string]: unknown;
          };
        };
      };
      400: components["responses"]["Error400"];
      401: components["responses"]["Error401"];
      404: components["responses"]["Error404"];
      409: components["responses"]["Error409"];
      429: components["responses"]["Error429"];
      500: components["responses"]["Error500"];
    };
  };
  putApiJobsByIdScenesOrder: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          sceneIds: string[];
        };
      };
    };
    responses: {
      /** @description The job */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            approval:
              | ({
                  costUsd: number;
                  refusal: string | null;
                } & {
                  [key: string]: unknown;
                })
              | null;
            costUsd: number;
            downloadUrl: string | null;
            draftVersion: number;
            durationSec: number | null;
            editable: boolean;
            error: string | null;
            estimatedCostUsd: number;
            etaSeconds: number | null;
            id: string;
            isFinal: boolean;
            links: {
              approve: string;
              cancel: string;
              page: string;
              self: string;
            } & {
              [key: string]: unknown;
            };
            percent: number;
            prompt: string;
            scenes: ({
              caption: string;
              durationSec: number;
              id: string;
              imagePrompt: string;
              position: number;
            } & {
              [key: string]: unknown;
            })[];
            stage: string;
            /** @enum {string} */
            status:
              | "queued"
              | "parsing"
              | "storyboarding"
              | "awaiting_approval"
              | "rendering"
              | "stitching"
              | "completed"
              | "failed"
              | "canceled";
            versions: ({
              number: number;
            } & {
              [key: string]: unknown;
            })[];
            videoUrl: string | null;
          } & {
            [key: string]: unknown;
          };
        };
      };
      400: components["responses"]["Error400"];
      401: components["responses"]["Error401"];
      404: components["responses"]["Error404"];
      409: components["responses"]["Error409"];
      429: components["responses"]["Error429"];
      500: components["responses"]["Error500"];
    };
  };
  postApiJobsByIdShare: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          /** @default 7 */
          days?: number;
        };
      };
    };
    responses: {
      /** @description The link and when it expires */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            expiresAt: string;
            url: string;
          };
        };
      };
      400: components["responses"]["Error400"];
      401: components["responses"]["Error401"];
      404: components["responses"]["Error404"];
      409: components["responses"]["Error409"];
      429: components["responses"]["Error429"];
      500: components["responses"]["Error500"];
    };
  };
  deleteApiJobsByIdShare: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Ended */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components["responses"]["Error400"];
      401: components["responses"]["Error401"];
      404: components["responses"]["Error404"];
      429: components["responses"]["Error429"];
      500: components["responses"]["Error500"];
    };
  };
  getApiJobsByIdVersions: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Its versions */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            [key: string]: unknown;
          };
        };
      };
      400: components["responses"]["Error400"];
      401: components["responses"]["Error401"];
      404: components["responses"]["Error404"];
      429: components["responses"]["Error429"];
      500: components["responses"]["Error500"];
    };
  };
  postApiJobsByIdVersions: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The job, rendering */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            [key: string]: unknown;
          };
        };
      };
      400: components["responses"]["Error400"];
      401: components["responses"]["Error401"];
      402: components["responses"]["Error402"];
      404: components["responses"]["Error404"];
      409: components["responses"]["Error409"];
      429: components["responses"]["Error429"];
      500: components["responses"]["Error500"];
    };
  };
  postApiJobsByIdVersionsByNumberCurrent: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        number: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The job */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            approval:
              | ({
                  costUsd: number;
                  refusal: string | null;
                } & {
                  [key: string]: unknown;
                })
              | null;
            costUsd: number;
            downloadUrl: string | null;
            draftVersion: number;
            durationSec: number | null;
            editable: boolean;
            error: string | null;
            estimatedCostUsd: number;
            etaSeconds: number | null;
            id: string;
            isFinal: boolean;
            links: {
              approve: string;
              cancel: string;
              page: string;
              self: string;
            } & {
              [key: string]: unknown;
            };
            percent: number;
            prompt: string;
            scenes: ({
              caption: string;
              durationSec: number;
              id: string;
              imagePrompt: string;
              position: number;
            } & {
              [key: string]: unknown;
            })[];
            stage: string;
            /** @enum {string} */
            status:
              | "queued"
              | "parsing"
              | "storyboarding"
              | "awaiting_approval"
              | "rendering"
              | "stitching"
              | "completed"
              | "failed"
              | "canceled";
            versions: ({
              number: number;
            } & {
              [key: string]: unknown;
            })[];
            videoUrl: string | null;
          } & {
            [key: string]: unknown;
          };
        };
      };
      400: components["responses"]["Error400"];
      401: components["responses"]["Error401"];
      404: components["responses"]["Error404"];
      409: components["responses"]["Error409"];
      429: components["responses"]["Error429"];
      500: components["responses"]["Error500"];
    };
  };
  getApiJobsByIdVersionsEstimate: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The estimate */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            [key: string]: unknown;
          };
        };
      };
      400: components["responses"]["Error400"];
      401: components["responses"]["Error401"];
      404: components["responses"]["Error404"];
      429: components["responses"]["Error429"];
      500: components["responses"]["Error500"];
    };
  };
  postApiJobsImport: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/zip": string;
      };
    };
    responses: {
      /** @description The new job */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            links: {
              self: string;
            } & {
              [key: string]: unknown;
            };
          } & {
            [key: string]: unknown;
          };
        };
      };
      400: components["responses"]["Error400"];
      401: components["responses"]["Error401"];
      402: components["responses"]["Error402"];
      404: components["responses"]["Error404"];
      413: components["responses"]["Error413"];
      415: components["responses"]["Error415"];
      422: components["responses"]["Error422"];
      429: components["responses"]["Error429"];
      500: components["responses"]["Error500"];
    };
  };
  postApiSetup: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          email: string;
          name: string;
          password: string;
          setupCode?: string;
        };
      };
    };
    responses: {
      /** @description The owner */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            [key: string]: unknown;
          };
        };
      };
      400: components["responses"]["Error400"];
      401: components["responses"]["Error401"];
      403: components["responses"]["Error403"];
      404: components["responses"]["Error404"];
      409: components["responses"]["Error409"];
      429: components["responses"]["Error429"];
      500: components["responses"]["Error500"];
    };
  };
  postApiSignup: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          email: string;
          name: string;
          password: string;
        };
      };
    };
    responses: {
      /** @description The account */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            [key: string]: unknown;
          };
        };
      };
      400: components["responses"]["Error400"];
      401: components["responses"]["Error401"];
      403: components["responses"]["Error403"];
      404: components["responses"]["Error404"];
      409: components["responses"]["Error409"];
      429: components["responses"]["Error429"];
      500: components["responses"]["Error500"];
    };
  };
  getApiSpend: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The figures */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            [key: string]: unknown;
          };
        };
      };
      400: components["responses"]["Error400"];
      401: components["responses"]["Error401"];
      404: components["responses"]["Error404"];
      429: components["responses"]["Error429"];
      500: components["responses"]["Error500"];
    };
  };
  getApiSpendLedger: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description CSV */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "text/csv": string;
        };
      };
      400: components["responses"]["Error400"];
      401: components["responses"]["Error401"];
      404: components["responses"]["Error404"];
      429: components["responses"]["Error429"];
      500: components["responses"]["Error500"];
    };
  };
  getApiTokens: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Your tokens, without their secrets */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            tokens: ({
              id: string;
              name: string;
            } & {
              [key: string]: unknown;
            })[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      400: components["responses"]["Error400"];
      401: components["responses"]["Error401"];
      404: components["responses"]["Error404"];
      429: components["responses"]["Error429"];
      500: components["responses"]["Error500"];
    };
  };
  postApiTokens: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          name: string;
        };
      };
    };
    responses: {
      /** @description The token, shown this once */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            name: string;
            token: string;
          } & {
            [key: string]: unknown;
          };
        };
      };
      400: components["responses"]["Error400"];
      401: components["responses"]["Error401"];
      404: components["responses"]["Error404"];
      429: components["responses"]["Error429"];
      500: components["responses"]["Error500"];
    };
  };
  deleteApiTokensById: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Revoked */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components["responses"]["Error400"];
      401: components["responses"]["Error401"];
      404: components["responses"]["Error404"];
      429: components["responses"]["Error429"];
      500: components["responses"]["Error500"];
    };
  };
  getApiUploads: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Your uploads */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            assets: ({
              id: string;
            } & {
              [key: string]: unknown;
            })[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      400: components["responses"]["Error400"];
      401: components["responses"]["Error401"];
      404: components["responses"]["Error404"];
      429: components["responses"]["Error429"];
      500: components["responses"]["Error500"];
    };
  };
  postApiUploads: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "multipart/form-data": {
          file: string;
        };
      };
    };
    responses: {
      /** @description The same file, uploaded before */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description The new upload */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
          } & {
            [key: string]: unknown;
          };
        };
      };
      400: components["responses"]["Error400"];
      401: components["responses"]["Error401"];
      404: components["responses"]["Error404"];
      409: components["responses"]["Error409"];
      413: components["responses"]["Error413"];
      415: components["responses"]["Error415"];
      429: components["responses"]["Error429"];
      500: components["responses"]["Error500"];
    };
  };
  getApiUploadsById: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The upload */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
          } & {
            [key: string]: unknown;
          };
        };
      };
      400: components["responses"]["Error400"];
      401: components["responses"]["Error401"];
      404: components["responses"]["Error404"];
      429: components["responses"]["Error429"];
      500: components["responses"]["Error500"];
    };
  };
  deleteApiUploadsById: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components["responses"]["Error400"];
      401: components["responses"]["Error401"];
      404: components["responses"]["Error404"];
      409: components["responses"]["Error409"];
      429: components["responses"]["Error429"];
      500: components["responses"]["Error500"];
    };
  };
  getApiUsers: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The users */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            [key: string]: unknown;
          };
        };
      };
      400: components["responses"]["Error400"];
      401: components["responses"]["Error401"];
      404: components["responses"]["Error404"];
      429: components["responses"]["Error429"];
      500: components["responses"]["Error500"];
    };
  };
  patchApiUsersById: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          dailyBudgetUsd?: number | null;
          disabled?: boolean;
        };
      };
    };
    responses: {
      /** @description The user */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            [key: string]: unknown;
          };
        };
      };
      400: components["responses"]["Error400"];
      401: components["responses"]["Error401"];
      404: components["responses"]["Error404"];
      409: components["responses"]["Error409"];
      429: components["responses"]["Error429"];
      500: components["responses"]["Error500"];
    };
  };
  postApiUsersByIdPassword: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The new password */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            [key: string]: unknown;
          };
        };
      };
      400: components["responses"]["Error400"];
      401: components["responses"]["Error401"];
      404: components["responses"]["Error404"];
      429: components["responses"]["Error429"];
      500: components["responses"]["Error500"];
    };
  };
  getApiWebhooks: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Your webhooks, without their secrets */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            [key: string]: unknown;
          };
        };
      };
      400: components["responses"]["Error400"];
      401: components["responses"]["Error401"];
      404: components["responses"]["Error404"];
      429: components["responses"]["Error429"];
      500: components["responses"]["Error500"];
    };
  };
  postApiWebhooks: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          events: ("video.storyboard_ready" | "video.completed" | "video.failed" | "export.completed")[];
          url: string;
        };
      };
    };
    responses: {
      /** @description The webhook and its signing secret, shown this once */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            [key: string]: unknown;
          };
        };
      };
      400: components["responses"]["Error400"];
      401: components["responses"]["Error401"];
      404: components["responses"]["Error404"];
      409: components["responses"]["Error409"];
      429: components["responses"]["Error429"];
      500: components["responses"]["Error500"];
    };
  };
  deleteApiWebhooksById: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components["responses"]["Error400"];
      401: components["responses"]["Error401"];
      404: components["responses"]["Error404"];
      429: components["responses"]["Error429"];
      500: components["responses"]["Error500"];
    };
  };
}
