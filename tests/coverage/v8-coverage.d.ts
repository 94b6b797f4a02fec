// The part of @bcoe/v8-coverage (c8's own merge) that tests/coverage/prune-coverage.ts uses; it ships no types.
declare module "@bcoe/v8-coverage" {
  export interface ProcessCov {
    result: { scriptId: string; url: string; functions: unknown[] }[];
  }
  export function mergeProcessCovs(processCovs: ProcessCov[]): ProcessCov;
}
