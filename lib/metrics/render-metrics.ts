import { getDb } from "@/lib/db/client";
import { countQueuedJobs } from "@/lib/queue/lease";
import { metrics } from "./metrics";

/** This process's metrics in Prometheus text, with the queue's depth read from the database as of now. */
export async function renderMetrics(): Promise<{ contentType: string; text: string }> {
  const m = metrics();
  const queue = await countQueuedJobs(getDb());
  m.queueDepth.set({ state: "waiting" }, queue.waiting);
  m.queueDepth.set({ state: "running" }, queue.running);
  return { contentType: m.registry.contentType, text: await m.registry.metrics() };
}
