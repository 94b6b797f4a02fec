import { defineRoute } from "@/lib/http/define-route";
import { routeMethods } from "@/lib/http/route-methods";
import { answerMcpRequest } from "@/lib/mcp/mcp-endpoint";

export const dynamic = "force-dynamic";

// POST /api/mcp: the Model Context Protocol on the Streamable HTTP transport, for assistants holding an API token.
// Stateless, so there is no stream to open with GET nor session to end with DELETE (405, as the spec allows).
const mcp = defineRoute({}, ({ request, caller }) => answerMcpRequest(request, caller));

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ POST: mcp });
