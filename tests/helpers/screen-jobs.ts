import { makeFlakyFfmpeg } from "../fakes/flaky-ffmpeg";
import { apiClient } from "./api-client";
import { startApp, type RunningApp } from "./start-app";

export type JobState = "awaiting_approval" | "rendering" | "completed" | "failed" | "canceled";

export interface ScreensApp {
  app: RunningApp;
  jobs: Record<JobState, string>;
  /** Lets the held render go on (so the app can stop without an encode waiting on a marker). */
  stop: () => Promise<void>;
}

/**
 * One app with a job in every state a person can see, made through the API the cheap way: a two-scene video for
 * "completed", a held encoder for "rendering", a broken one for "failed", a cancel right after creation.
 */
export async function startAppWithJobInEveryState(): Promise<ScreensApp> {
  const ffmpeg = makeFlakyFfmpeg();
  const app = await startApp({ FFMPEG_PATH: ffmpeg.path });
  const api = apiClient(app.baseUrl, app.token);
  const make = (prompt: string, autoApprove: boolean) => api.createJob({ prompt, sceneCount: 2, autoApprove });

  const completed = await make("A lighthouse keeper climbs the stairs. The lamp turns over a dark sea.", true);
  await api.waitForStatus(completed.id, ["completed"]);
  const awaiting = await make("A fox crosses a snowy field. It stops and listens.", false);
  await api.waitForStatus(awaiting.id, ["awaiting_approval"]);

  ffmpeg.breakIt();
  const failed = await make("A kite climbs over the dunes. The wind drops at dusk.", true);
  await api.waitForStatus(failed.id, ["failed"]);
  ffmpeg.fixIt();

  const canceled = await make("A train leaves the station at night.", false);
  await api.request("POST", `/api/jobs/${canceled.id}/cancel`, {});
  await api.waitForStatus(canceled.id, ["canceled"]);

  ffmpeg.holdIt();
  const rendering = await make("A heron waits in the reeds. It takes off over the marsh.", true);
  await api.waitForStatus(rendering.id, ["rendering"]);

  return {
    app,
    jobs: {
      completed: completed.id,
      awaiting_approval: awaiting.id,
      failed: failed.id,
      canceled: canceled.id,
      rendering: rendering.id,
    },
    stop: async () => {
      ffmpeg.releaseIt();
      await api.request("POST", `/api/jobs/${rendering.id}/cancel`, {});
      await app.stop();
    },
  };
}
