"use client";

import { Bar, BarChart, LabelList, ResponsiveContainer, XAxis, YAxis } from "recharts";
import { formatCost } from "@/components/format";

/** Spend by model as labelled horizontal bars: each bar carries its figure, so colour is never needed. */
export function ModelSpendChart({ models }: { models: { model: string; usd: number; calls: number }[] }) {
  if (models.length === 0) return <p className="text-sm text-zinc-400">No paid calls in these 30 days.</p>;
  const data = models.map((m) => ({ ...m, name: m.model.split("/").pop() ?? m.model }));
  return (
    <div role="img" aria-label={`Spend by model: ${data.map((m) => `${m.name} ${formatCost(m.usd)}`).join(", ")}.`}>
      <ResponsiveContainer width="100%" height={Math.max(80, data.length * 40 + 20)}>
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 80, bottom: 4, left: 8 }}>
          <XAxis type="number" hide />
          <YAxis type="category" dataKey="name" width={170} stroke="var(--color-zinc-400)" fontSize={12} />
          <Bar dataKey="usd" fill="var(--color-violet-500)" isAnimationActive={false}>
            <LabelList
              dataKey="usd"
              position="right"
              formatter={(v) => formatCost(Number(v))}
              fill="var(--color-zinc-100)"
              fontSize={12}
            />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
