import { z } from "zod";
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { RequestHandlerExtra } from "@modelcontextprotocol/sdk/shared/protocol.js";
import type { CallToolResult, ServerNotification, ServerRequest } from "@modelcontextprotocol/sdk/types.js";
import { limitJobCreation, limitRegeneration } from "@/lib/auth/limits";
import { outlookForNewJob } from "@/lib/costs/budget-outlook";
import { assertWithinJobBudget } from "@/lib/costs/job-budget";
import { quoteNewJob } from "@/lib/costs/quote-new-job";
import { exportRequestSchema } from "@/lib/exports/export-spec";
import { listExports, requestExport } from "@/lib/exports/exports";
import { createJob } from "@/lib/jobs/create-job";
import { editScene, regenerateScene } from "@/lib/jobs/edit-storyboard";
import { getJobView, listJobs } from "@/lib/jobs/queries";
import { approveStoryboard, cancelJob } from "@/lib/jobs/review-actions";
import { createJobSchema, editSceneSchema, jobIdSchema, listJobsQuerySchema, sceneIdSchema } from "@/lib/jobs/schemas";
import { listAssets } from "@/lib/uploads/assets";
import { startNewVersion } from "@/lib/versions/start-version";
import { toolAnswer, toolError } from "./tool-answers";
import { MCP_WAIT_MAX_SECONDS, waitForVideo, type ProgressReport } from "./wait-for-video";

type Extra = RequestHandlerExtra<ServerRequest, ServerNotification>;

const waitSeconds = z
  .int({ error: `wait_seconds is a whole number of seconds from 0 to ${MCP_WAIT_MAX_SECONDS}.` })
  .min(0, `wait_seconds is a whole number of seconds from 0 to ${MCP_WAIT_MAX_SECONDS}.`)
  .max(MCP_WAIT_MAX_SECONDS, `wait_seconds is a whole number of seconds from 0 to ${MCP_WAIT_MAX_SECONDS}.`)
  .optional()
  .describe(
    `Wait up to this many seconds (at most ${MCP_WAIT_MAX_SECONDS}) for the video to reach a storyboard to review or a final state, ` +
      "reporting progress meanwhile when the client asks for it. Call get_video again to wait longer.",
  );
const jobId = jobIdSchema.describe("The video's id (the `id` that create_video and list_videos return).");
const sceneId = sceneIdSchema.describe("The scene's id (from get_video's `scenes`).");

/** Progress notifications for this call, when the client sent a progress token with it. */
function progressOf(extra: Extra): ProgressReport | undefined {
  const token = extra._meta?.progressToken;
  if (token === undefined) return undefined;
  return (progress, message) =>
    extra.sendNotification({ method: "notifications/progress", params: { progressToken: token, progress, total: 100, message } });
}

/** The tools an assistant drives the studio with, each run as the token's owner and through the same rules as the API. */
export function registerVideoTools(server: McpServer, userId: string, origin: string): void {
  const tool = <S extends z.ZodType>(
    name: string,
    config: { title: string; description: string; inputSchema: S; readOnly?: boolean; destructive?: boolean },
    run: (input: z.output<S>, extra: Extra) => Promise<Record<string, unknown>>,
  ) =>
    server.registerTool(
      name,
      {
        title: config.title,
        description: config.description,
        inputSchema: config.inputSchema,
        annotations: {
          readOnlyHint: config.readOnly ?? false,
          destructiveHint: config.destructive ?? false,
          openWorldHint: false,
        },
      },
      (async (input: z.output<S>, extra: Extra): Promise<CallToolResult> => {
        try {
          return toolAnswer(await run(input, extra), origin);
        } catch (error) {
          return toolError(error);
        }
      }) as never,
    );

  const view = async (id: string, wait: number | undefined, extra: Extra) =>
    wait
      ? { video: await waitForVideo({ userId, jobId: id, seconds: wait, signal: extra.signal, report: progressOf(extra) }) }
      : { video: await getJobView(userId, id) };

  tool(
    "estimate_video",
    {
      title: "Estimate a video",
      description:
        "What a video with these settings would cost before anything is spent (the same settings create_video takes), " +
        "and whether today's budget holds it. Nothing is made.",
      inputSchema: createJobSchema,
      readOnly: true,
    },
    async (input) => {
      const quote = quoteNewJob({ ...input, reference: input.referenceUploadId !== undefined });
      assertWithinJobBudget(quote);
      return { estimate: quote, budget: await outlookForNewJob(userId, quote, input.sceneCount) };
    },
  );

  tool(
    "create_video",
    {
      title: "Create a video",
      description:
        "Starts a video from a prompt: the studio writes the scenes and draws one still per scene, then stops at the " +
        "storyboard for review (status awaiting_approval). Nothing expensive runs before approve_storyboard, unless " +
        "autoApprove is true. Returns the video; pass wait_seconds to wait for its storyboard.",
      inputSchema: z.object({ video: createJobSchema, wait_seconds: waitSeconds }),
    },
    async ({ video, wait_seconds }, extra) => {
      await limitJobCreation(userId);
      const created = await createJob(userId, video);
      return view(created.id, wait_seconds, extra);
    },
  );

  tool(
    "get_video",
    {
      title: "Get a video",
      description:
        "A video's status, stage and percent, its scenes (captions, stills, clips), costs, versions and the URLs of its " +
        "files (the finished MP4 is `videoUrl`). With wait_seconds, waits for a storyboard to review or a final state.",
      inputSchema: z.object({ jobId, wait_seconds: waitSeconds }),
      readOnly: true,
    },
    ({ jobId, wait_seconds }, extra) => view(jobId, wait_seconds, extra),
  );

  tool(
    "list_videos",
    {
      title: "List videos",
      description: "Your videos, newest first, a page at a time (pass nextCursor back as cursor), with today's spend.",
      inputSchema: listJobsQuerySchema,
      readOnly: true,
    },
    (query) => listJobs(userId, query) as unknown as Promise<Record<string, unknown>>,
  );

  tool(
    "edit_scene",
    {
      title: "Edit a scene",
      description:
        "Changes a scene of a storyboard under review, or of a finished video (then render_version makes the next " +
        "version): its caption, image prompt, motion, length, whether its caption is narrated, or one of your uploads as its still.",
      inputSchema: z.object({ jobId, sceneId, changes: editSceneSchema }),
    },
    async ({ jobId, sceneId, changes }) => {
      await editScene(userId, jobId, sceneId, changes);
      return { video: await getJobView(userId, jobId) };
    },
  );

  tool(
    "redraw_scene",
    {
      title: "Redraw a scene's still",
      description: "Draws a scene's still again from its image prompt (a storyboard under review). Costs one still.",
      inputSchema: z.object({ jobId, sceneId, wait_seconds: waitSeconds }),
    },
    async ({ jobId, sceneId, wait_seconds }, extra) => {
      await limitRegeneration(userId);
      await regenerateScene(userId, jobId, sceneId);
      return view(jobId, wait_seconds, extra);
    },
  );

  tool(
    "approve_storyboard",
    {
      title: "Approve the storyboard",
      description:
        "Approves a storyboard under review: the studio renders every scene into a clip and stitches the video. This " +
        "spends the estimate shown in get_video's `approval`; a budget that would not hold it is refused with a sentence.",
      inputSchema: z.object({ jobId, wait_seconds: waitSeconds }),
    },
    async ({ jobId, wait_seconds }, extra) => {
      await approveStoryboard(userId, jobId);
      return view(jobId, wait_seconds, extra);
    },
  );

  tool(
    "cancel_video",
    {
      title: "Cancel a video",
      description: "Stops a video that is not finished; what it holds of the budget is let go.",
      inputSchema: z.object({ jobId }),
      destructive: true,
    },
    async ({ jobId }) => {
      await cancelJob(userId, jobId);
      return { video: await getJobView(userId, jobId) };
    },
  );

  tool(
    "render_version",
    {
      title: "Render the next version",
      description:
        "After edit_scene on a finished video, renders the changed scenes only and stitches them as the next version " +
        "(the earlier versions stay). Refused when nothing changed or a version is already rendering.",
      inputSchema: z.object({ jobId, wait_seconds: waitSeconds }),
    },
    async ({ jobId, wait_seconds }, extra) => {
      const { number, plan } = await startNewVersion(userId, jobId);
      return { number, estimate: plan.estimate, changedScenes: plan.changes, ...(await view(jobId, wait_seconds, extra)) };
    },
  );

  tool(
    "export_video",
    {
      title: "Export a version",
      description:
        "Makes a file of a finished version for a platform: a preset (youtube, tiktok, square) or a " +
        "resolution, aspect, fit and format. The same export asked twice is made once. Returns the export and every export of the video.",
      inputSchema: z.object({ jobId, export: exportRequestSchema }),
    },
    async ({ jobId, export: request }) => {
      const made = await requestExport(userId, jobId, request);
      return { export: made.export, existing: !made.created, exports: await listExports(userId, jobId) };
    },
  );

  tool(
    "list_uploads",
    {
      title: "List uploads",
      description:
        "Your uploaded images and sound (ids to use as referenceUploadId, musicUploadId or a scene's uploadId), with your quota.",
      inputSchema: z.object({}),
      readOnly: true,
    },
    () => listAssets(userId),
  );
}
