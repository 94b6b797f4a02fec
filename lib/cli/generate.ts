// `npm run generate -- "a prompt" [--scenes N] [--aspect 9:16] [--style noir] [--seconds N] [--seed N] [--out file.mp4]`
// makes the video here, auto-approved. With `--server URL --token T [--wait] [--yes]` a studio elsewhere makes it
// (lib/cli/generate-remote.ts); the token may also come from STORYREEL_TOKEN.
import { parseArgs } from "node:util";
import { createJobSchema } from "@/lib/jobs/schemas";
import { describeZodError } from "@/lib/http/route-handler";
import { describeRemoteFailure, generateRemote } from "./generate-remote";
import { runCli } from "./run-cli";

const USAGE = 'usage: npm run generate -- "a prompt" [--scenes N] [--server URL --token T [--wait] [--yes]] [--out file.mp4]';

async function main(): Promise<number | string> {
  let args;
  try {
    args = parseArgs({
      allowPositionals: true,
      options: {
        scenes: { type: "string" },
        aspect: { type: "string" },
        style: { type: "string" },
        seconds: { type: "string" },
        seed: { type: "string" },
        out: { type: "string" },
        server: { type: "string" },
        token: { type: "string" },
        wait: { type: "boolean" },
        yes: { type: "boolean" },
      },
    });
  } catch (error) {
    return `${(error as Error).message}\n${USAGE}`;
  }
  const { values, positionals } = args;
  const parsed = createJobSchema.safeParse({
    prompt: positionals.join(" "),
    sceneCount: values.scenes ? Number(values.scenes) : undefined,
    aspectRatio: values.aspect,
    style: values.style,
    targetSeconds: values.seconds ? Number(values.seconds) : undefined,
    seed: values.seed ? Number(values.seed) : undefined,
    autoApprove: true,
  });
  if (!parsed.success) return `${describeZodError(parsed.error)}\n${USAGE}`;
  if (values.server === undefined) {
    if (values.token || values.wait || values.yes)
      return `--token, --wait and --yes are for a remote studio (--server).\n${USAGE}`;
    // Loaded only here: the database, the pipeline and the runner are not needed to drive a remote studio.
    const { generateHere } = await import("./generate-here");
    return generateHere(parsed.data, values.out);
  }
  const remote = remoteSettings(values.server, values.token ?? process.env.STORYREEL_TOKEN);
  if (typeof remote === "string") return `${remote}\n${USAGE}`;
  if (values.out && !values.wait) return `--out needs --wait: without it the command ends before the video is made.\n${USAGE}`;
  const { autoApprove: _asked, ...input } = parsed.data;
  try {
    return await generateRemote({ ...remote, input, wait: values.wait ?? false, yes: values.yes ?? false, out: values.out });
  } catch (error) {
    console.error(`storyreel: ${describeRemoteFailure(error, remote.server)}`);
    return 1;
  }
}

function remoteSettings(server: string, token: string | undefined): { server: string; token: string } | string {
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    return `--server is the studio's address, e.g. https://studio.example (got "${server}").`;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return `--server must be an http:// or https:// address.`;
  if (!token) return "A remote studio needs an API token: --token, or STORYREEL_TOKEN (make one on its Account page).";
  if (url.protocol === "http:" && !["localhost", "127.0.0.1", "[::1]"].includes(url.hostname)) {
    console.error(`storyreel: warning: ${url.origin} is not https, so the token travels unencrypted.`);
  }
  return { server: url.origin, token };
}

runCli(main);
