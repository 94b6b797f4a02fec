import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { AppError } from "@/lib/errors";
import type { Caller } from "@/lib/http/caller";
import { publicOrigin } from "@/lib/http/public-origin";
import { registerVideoTools } from "./video-tools";

const INSTRUCTIONS =
  "Storyreel makes short videos from a prompt. Estimate first (estimate_video), then create_video: it stops at a " +
  "storyboard (one still per scene) for review. Show it to the person, edit or redraw scenes if asked, and only then " +
  "approve_storyboard, which spends money. Wait with get_video's wait_seconds; the finished file is the video's videoUrl.";

/**
 * One MCP request on the Streamable HTTP transport, stateless (no session: each POST carries its own JSON-RPC
 * message and is answered on its own response), run as the token's owner. Browsers' session cookies are not
 * accepted: an assistant holds a revocable personal token, never a person's sign-in.
 */
export async function answerMcpRequest(request: Request, caller: Caller): Promise<Response> {
  if (caller.via !== "token") {
    throw new AppError("unauthorized", "The MCP endpoint takes a personal API token as Authorization: Bearer <token>.");
  }
  const server = new McpServer(
    { name: "storyreel", version: process.env.npm_package_version ?? "1" },
    { instructions: INSTRUCTIONS },
  );
  registerVideoTools(server, caller.userId, publicOrigin(request));
  const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: false });
  await server.connect(transport);
  const response = await transport.handleRequest(request);
  // A stateless server has nothing to keep once the answer is written (a streamed one closes itself when done).
  if (!response.body) await server.close();
  return response;
}
