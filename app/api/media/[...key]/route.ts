import { getCurrentClientId } from "@/lib/clients/current-client";
import { withErrors } from "@/lib/http/route-handler";
import { serveMedia } from "@/lib/storage/serve-media";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ key: string[] }> };

async function handle(request: Request, { params }: Params): Promise<Response> {
  const { key } = await params;
  const clientId = await getCurrentClientId();
  return serveMedia(clientId, key.join("/"), {
    range: request.headers.get("range"),
    download: new URL(request.url).searchParams.has("download"),
    method: request.method,
  });
}

export const GET = withErrors(handle);
export const HEAD = withErrors(handle);
