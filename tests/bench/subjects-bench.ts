// BENCH_PARTS=subjects: the share of scene sentences whose named subject the local still draws, by kind, and what
// drawing the subjects costs against the backdrop alone (same stills, same run) and in memory once loaded.
import { performance } from "node:perf_hooks";
import { drawLocalStill } from "@/lib/backends/local/local-illustrator";
import { iconBody } from "@/lib/subjects/emoji-set";
import { measureCorpus, SUBJECT_CORPUS } from "../unit/subject-corpus";

const heapMb = () => process.memoryUsage().heapUsed / 1024 / 1024;

export async function runSubjectsBench(): Promise<void> {
  global.gc?.();
  const before = heapMb();
  iconBody("cat");
  const { results, share } = measureCorpus();
  global.gc?.();
  const loaded = heapMb() - before;
  console.log(`subjects: ${results.length} scene sentences through the local scene writer and the still's plan`);
  console.log(`  named subject drawn  ${(share * 100).toFixed(1)}% (goal >= 80%)`);
  for (const category of [...new Set(SUBJECT_CORPUS.map((s) => s.category))]) {
    const own = results.filter((r) => r.scene.category === category);
    console.log(`    ${category.padEnd(9)} ${own.filter((r) => r.hit).length}/${own.length}`);
  }
  for (const miss of results.filter((r) => !r.hit))
    console.log(`    missed: ${miss.scene.sentence} -> ${miss.drawn.join(", ") || "nothing"}`);
  console.log(`  icon data in memory  +${loaded.toFixed(1)} MB heap${global.gc ? "" : " (no --expose-gc: rough)"}`);

  const sample = results
    .filter((_, i) => i % 6 === 0)
    .map((r) => ({ imagePrompt: r.imagePrompt, seed: 3, aspectRatio: "16:9" as const, style: "cinematic" as const }));
  const time = async (subjects: boolean) => {
    const started = performance.now();
    for (const input of sample) await drawLocalStill(input, { subjects });
    return (performance.now() - started) / sample.length;
  };
  await time(true); // warm: sharp, librsvg, the icon set
  const backdrop = await time(false);
  const drawn = await time(true);
  console.log(
    `  draw time            ${(drawn / backdrop).toFixed(2)}x the backdrop alone (${drawn.toFixed(0)} ms vs ${backdrop.toFixed(0)} ms a still, ${sample.length} stills)`,
  );
  if (share < 0.8) process.exitCode = 1;
}
