// Loaded into every Node process of a covered run (NODE_OPTIONS=--import, see tests/coverage/steps.sh). Node writes
// NODE_V8_COVERAGE only on a normal exit; a process that dies of SIGTERM or SIGINT with no handler of its own writes
// its coverage here first, then dies of the same signal so its parent sees what it would have seen.
import process from "node:process";
import v8 from "node:v8";

for (const signal of ["SIGTERM", "SIGINT"]) {
  const flush = () => {
    // A handler of the process's own (the job runner's) exits normally, and Node then writes the coverage itself.
    if (process.listenerCount(signal) > 1) return;
    v8.takeCoverage();
    process.removeListener(signal, flush);
    process.kill(process.pid, signal);
  };
  process.on(signal, flush);
}
