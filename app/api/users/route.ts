import { NextResponse } from "next/server";
import { listUsers } from "@/lib/auth/users";
import { defineRoute } from "@/lib/http/define-route";
import { routeMethods } from "@/lib/http/route-methods";

export const dynamic = "force-dynamic";

const list = defineRoute({ admin: true }, async () => NextResponse.json({ users: await listUsers() }));

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ GET: list });
