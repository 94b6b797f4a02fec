import { NextResponse } from "next/server";
import { defineRoute } from "@/lib/http/define-route";
import { routeMethods } from "@/lib/http/route-methods";
import { deleteAsset, findOwnAsset, toAssetView } from "@/lib/uploads/assets";

export const dynamic = "force-dynamic";

const show = defineRoute({ ids: { id: "That upload" } }, async ({ caller, ids }) =>
  NextResponse.json(toAssetView(await findOwnAsset(caller.userId, ids.id))),
);

// Videos that used it keep their own copy.
const remove = defineRoute({ ids: { id: "That upload" } }, async ({ caller, ids }) => {
  await deleteAsset(caller.userId, ids.id);
  return new Response(null, { status: 204 });
});

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ GET: show, DELETE: remove });
