import { NextResponse } from "next/server";
import { setDisabled } from "@/lib/auth/accounts";
import { updateUserSchema } from "@/lib/auth/schemas";
import { listUsers, setDailyBudget } from "@/lib/auth/users";
import { invalidInput } from "@/lib/errors";
import { defineRoute } from "@/lib/http/define-route";
import { routeMethods } from "@/lib/http/route-methods";

// An admin disables (or enables again) an account, not their own, or sets a person's daily spending limit.
const update = defineRoute({ admin: true, ids: { id: "That user" }, body: updateUserSchema }, async ({ caller, ids, body }) => {
  if (body.disabled !== undefined && ids.id === caller.userId) throw invalidInput("You cannot disable your own account.");
  if (body.dailyBudgetUsd !== undefined) await setDailyBudget(ids.id, body.dailyBudgetUsd);
  if (body.disabled !== undefined) await setDisabled(ids.id, body.disabled);
  return NextResponse.json((await listUsers()).find((u) => u.id === ids.id));
});

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ PATCH: update });
