// Discord refuses content over 2000 characters.
const TEXT_LIMIT = 2000;
const ZERO_WIDTH_SPACE = "\u200b";

/**
 * An @ that would mention someone: one that starts a word ("@here", "<@U123>", "<@&role>"), or any before the
 * names that ping a whole channel. An e-mail address's @ follows a letter and is left alone, so it stays readable.
 */
function defuseAts(text: string): string {
  return text.replace(/@/g, (at, offset: number) => {
    const before = text[offset - 1] ?? "";
    const wholeChannel = /^@(everyone|here|channel)/i.test(text.slice(offset));
    return wholeChannel || !/[\w.+-]/.test(before) ? `${at}${ZERO_WIDTH_SPACE}` : at;
  });
}

/** Slack reads `<!here>`, `<@U123>` and `<url|label>` as commands and links: its own escaping turns them into text. */
const slackText = (text: string) => defuseAts(text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"));

/**
 * Discord shows entities as typed, so its copy is broken up with zero-width spaces instead; markdown's link
 * brackets are escaped, so a quoted prompt cannot show "[your invoice](https://elsewhere)" as a link.
 */
const discordText = (text: string) =>
  defuseAts(text.replace(/<(?=[!#@])/g, `<${ZERO_WIDTH_SPACE}`).replace(/[[\]()]/g, (c) => `\\${c}`));

/**
 * The JSON posted to ALERT_WEBHOOK_URL: `text` is what Slack shows, `content` what Discord shows (each ignores the
 * other's field). An alert quotes what people typed (a prompt, an e-mail address), so neither copy may mention
 * anyone, and Discord is told to parse no mentions at all.
 */
export function webhookPayload(message: string) {
  const text = `Storyreel: ${message}`;
  return {
    text: slackText(text).slice(0, TEXT_LIMIT),
    content: discordText(text).slice(0, TEXT_LIMIT),
    username: "Storyreel",
    allowed_mentions: { parse: [] },
  };
}
