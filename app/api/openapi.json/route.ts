import { NextResponse } from "next/server";
import { openApiDocument } from "@/lib/api-contract/openapi-document";
import { defineRoute } from "@/lib/http/define-route";
import { routeMethods } from "@/lib/http/route-methods";

// Public like the API's own shape on any public service: it names addresses, never data.
const show = defineRoute({ public: true }, async () =>
  NextResponse.json(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } }),
);

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ GET: show });
