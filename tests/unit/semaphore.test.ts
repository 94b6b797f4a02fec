import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Semaphore } from "@/lib/util/semaphore";

const tick = () => new Promise((r) => setImmediate(r));

describe("Semaphore (the ffmpeg slot limit)", () => {
  it("never lets more than `limit` holders run at once, and serves waiters in order", async () => {
    const slots = new Semaphore(2);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const releases: Array<() => void> = [];
    const jobs = [0, 1, 2, 3, 4].map((i) =>
      slots.run(async () => {
        running++;
        peak = Math.max(peak, running);
        order.push(i);
        await new Promise<void>((r) => releases.push(r));
        running--;
      }),
    );
    await tick();
    assert.deepEqual(order, [0, 1], "two start, three wait");
    while (releases.length > 0) {
      releases.shift()!();
      await tick();
      await tick();
    }
    await Promise.all(jobs);
    assert.equal(peak, 2);
    assert.deepEqual(order, [0, 1, 2, 3, 4]);
    assert.equal(slots.inUse, 0);
  });

  it("lets a waiter give up through its abort signal without taking a slot", async () => {
    const slots = new Semaphore(1);
    let release!: () => void;
    const holder = slots.run(() => new Promise<void>((r) => (release = r)));
    const abort = new AbortController();
    let ran = false;
    const waiter = slots.run(async () => void (ran = true), abort.signal);
    abort.abort(new Error("canceled"));
    await assert.rejects(waiter, /canceled/);
    release();
    await holder;
    assert.equal(ran, false);
    assert.equal(slots.inUse, 0);
    await slots.run(async () => undefined);
  });

  it("frees the slot when the work throws", async () => {
    const slots = new Semaphore(1);
    await assert.rejects(
      slots.run(async () => Promise.reject(new Error("ffmpeg exited 1"))),
      /exited 1/,
    );
    assert.equal(slots.inUse, 0);
  });
});
