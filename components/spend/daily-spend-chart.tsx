"use client";

import { Bar, BarChart, CartesianGrid, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatCost } from "@/components/format";

interface Props {
  days: { date: string; usd: number }[];
  softUsd: number;
  hardUsd: number;
  personUsd: number | null;
}

const money = (usd: number) => (usd === 0 ? "$0" : formatCost(usd));
const shortDate = (date: string) => date.slice(5).replace("-", "/");

/**
 * Spend per day with the day's limits drawn as labelled lines (dashed soft, solid hard), so the chart reads
 * without its colours. Limits far above the bars would flatten them: those are named under the chart instead.
 */
export function DailySpendChart({ days, softUsd, hardUsd, personUsd }: Props) {
  const highest = Math.max(...days.map((d) => d.usd), 0);
  const top = Math.max(highest * 1.3, 0.01);
  const limits = [
    { label: "Soft limit", usd: softUsd, dash: "6 4" },
    { label: "Hard limit", usd: hardUsd, dash: undefined },
    ...(personUsd != null ? [{ label: "Your limit", usd: personUsd, dash: "2 3" }] : []),
  ];
  const shown = limits.filter((l) => l.usd <= top * 1.5);
  const domainTop = Math.max(top, ...shown.map((l) => l.usd * 1.1));
  const offChart = limits.filter((l) => !shown.includes(l));
  const summary = `Spend per day over ${days.length} days; the highest day was ${money(highest)}.`;
  return (
    <figure>
      <div role="img" aria-label={summary} className="h-64 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={days} margin={{ top: 16, right: 24, bottom: 4, left: 8 }}>
            <CartesianGrid stroke="var(--color-zinc-800)" vertical={false} />
            <XAxis
              dataKey="date"
              tickFormatter={shortDate}
              stroke="var(--color-zinc-400)"
              fontSize={11}
              interval="preserveStartEnd"
            />
            <YAxis stroke="var(--color-zinc-400)" fontSize={11} tickFormatter={money} domain={[0, domainTop]} width={64} />
            <Tooltip
              formatter={(value) => [money(Number(value)), "Spent"]}
              contentStyle={{
                background: "var(--color-zinc-900)",
                border: "1px solid var(--color-zinc-700)",
                color: "var(--color-zinc-100)",
              }}
              cursor={{ fill: "var(--color-zinc-800)" }}
            />
            <Bar dataKey="usd" name="Spent" fill="var(--color-violet-500)" isAnimationActive={false} />
            {shown.map((l) => (
              <ReferenceLine
                key={l.label}
                y={l.usd}
                stroke="var(--color-zinc-100)"
                strokeDasharray={l.dash}
                label={{
                  value: `${l.label} ${money(l.usd)}`,
                  position: "insideTopRight",
                  fill: "var(--color-zinc-100)",
                  fontSize: 11,
                }}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="mt-2 text-xs text-zinc-400">
        {summary}
        {offChart.length > 0 &&
          ` Daily limits above the chart: ${offChart.map((l) => `${l.label.toLowerCase()} ${money(l.usd)}`).join(", ")}.`}
      </figcaption>
    </figure>
  );
}
