import assert from "node:assert/strict";
import fs from "node:fs";
import { describe, it } from "node:test";
import { metrics } from "@/lib/metrics/metrics";

type Panel = { title: string; type: string; targets?: { expr: string }[]; panels?: Panel[] };
const dashboard = JSON.parse(fs.readFileSync("ops/grafana/storyreel.json", "utf8")) as { uid: string; panels: Panel[] };

describe("the Grafana dashboard", () => {
  it("reads only metrics the app exports, under the names it exports them", async () => {
    const exported = await metrics().registry.getMetricsAsJSON();
    const names = new Set(exported.map((m) => m.name));
    const queries = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => ({ panel: p.title, expr: t.expr })));
    assert.ok(queries.length >= 20, `${queries.length} queries`);
    for (const { panel, expr } of queries) {
      const used = expr.match(/\b(storyreel|process|nodejs)_[a-z0-9_]+/g) ?? [];
      assert.ok(used.length > 0, `${panel}: ${expr}`);
      for (const name of used) {
        const base = name.replace(/_(bucket|count|sum)$/, "");
        assert.ok(names.has(name) || names.has(base), `${panel} reads ${name}, which no process exports`);
      }
    }
  });

  it("covers every Storyreel metric in at least one panel", () => {
    const text = JSON.stringify(dashboard.panels);
    const ours = metrics()
      .registry.getMetricsAsArray()
      .map((m) => m.name)
      .filter((n) => n.startsWith("storyreel_"));
    for (const name of ours) assert.ok(text.includes(name), `${name} is on no panel`);
  });
});
