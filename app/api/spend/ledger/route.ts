import { ledgerCsv } from "@/lib/costs/ledger-csv";
import { defineRoute } from "@/lib/http/define-route";
import { routeMethods } from "@/lib/http/route-methods";

export const dynamic = "force-dynamic";

// The ledger of the last 30 days as CSV (admins: everyone's calls; others: their own).
const ledger = defineRoute({}, async ({ caller }) => {
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(await ledgerCsv(caller), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="storyreel-ledger-${stamp}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ GET: ledger });
