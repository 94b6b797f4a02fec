import { z } from "zod";

export const WEBHOOK_EVENTS = ["video.storyboard_ready", "video.completed", "video.failed", "export.completed"] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

const eventsMessage = `events must be a list of one or more of ${WEBHOOK_EVENTS.join(", ")}.`;

export const createWebhookSchema = z.strictObject({
  url: z
    .string({ error: "url must be the http:// or https:// address to send events to." })
    .trim()
    .max(2000, "That URL is too long: keep it to 2,000 characters.")
    .pipe(z.url({ protocol: /^https?$/, error: "url must be the http:// or https:// address to send events to." })),
  events: z
    .array(z.enum(WEBHOOK_EVENTS, { error: eventsMessage }), { error: eventsMessage })
    .min(1, eventsMessage)
    .transform((events) => [...new Set(events)]),
});
export type CreateWebhookInput = z.output<typeof createWebhookSchema>;
