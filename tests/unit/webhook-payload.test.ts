import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { webhookPayload } from "@/lib/alerts/webhook-payload";

// What an alert posts to Slack or Discord. It quotes what people typed, which must never ping anyone.
const ZWSP = "\u200b";
// Each way Slack (<!…>, <@…>) or Discord (@everyone, @here, <@id>, <@!id>, <@&role>) reads a mention.
const SLACK_MENTION = /<[!@#]|(^|[^\w.+-])@\w|@(everyone|here|channel)/i;
const DISCORD_MENTION = /@(everyone|here)|<@[!&]?\d+>|<[!#]/i;

describe("alert webhook payload", () => {
  const prompt =
    "Over estimate: @everyone look, @here too, <!channel> <!here> <!everyone> <@U123ABC> <@&123456> <@!987> <#C42> @channel";

  it("mentions no one in Slack's text: its control sequences escaped as entities, every mention-like @ broken", () => {
    const { text } = webhookPayload(prompt);
    assert.doesNotMatch(text, SLACK_MENTION, text);
    assert.match(text, /&lt;!channel&gt;/);
    assert.match(text, new RegExp(`@${ZWSP}everyone look`));
    assert.ok(text.startsWith("Storyreel: Over estimate:"));
  });

  it("mentions no one in Discord's content, and tells Discord to parse none", () => {
    const payload = webhookPayload(prompt);
    assert.doesNotMatch(payload.content, DISCORD_MENTION, payload.content);
    assert.match(payload.content, new RegExp(`<${ZWSP}@${ZWSP}&123456>`));
    assert.deepEqual(payload.allowed_mentions, { parse: [] });
    assert.equal(payload.username, "Storyreel");
  });

  it("leaves ordinary text alone: e-mail addresses stay readable, and both copies match when nothing needs escaping", () => {
    const payload = webhookPayload("A request by owner@storyreel.test was refused: This needs $1.20; 3 > 2 is not shown here.");
    assert.match(payload.content, /owner@storyreel\.test/);
    assert.match(payload.text, /owner@storyreel\.test/);
    assert.match(payload.text, /3 &gt; 2/, "Slack's text carries its entities");
    const plain = webhookPayload("Spend today passed the soft limit of $100.");
    assert.equal(plain.text, plain.content);
  });

  it("keeps within Discord's 2000 characters, however much a prompt grows when escaped", () => {
    const payload = webhookPayload("<@1> ".repeat(1000));
    assert.ok(payload.text.length <= 2000 && payload.content.length <= 2000);
    assert.doesNotMatch(payload.content, DISCORD_MENTION);
  });

  it("shows a quoted markdown link in Discord as text, not as a link", () => {
    const payload = webhookPayload('Video over its estimate: "[pay your invoice](https://elsewhere.example/pay)"');
    assert.doesNotMatch(payload.content, /(?<!\\)\[[^\]]*(?<!\\)\]\(/, "no unescaped [label](url)");
    assert.match(payload.content, /\\\[pay your invoice\\\]\\\(https:\/\/elsewhere\.example\/pay\\\)/);
  });
});
