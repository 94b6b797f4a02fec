import type { ZodError } from "zod";

// zod's own wording ("Invalid input: expected number, received NaN"); our schemas give every field a sentence.
const ZOD_DEFAULT = /^(Invalid|Too (small|big)|Unrecognized|Expected)/;

/** One readable sentence per problem, naming the field at fault. */
export function describeZodError(error: ZodError): string {
  return error.issues
    .map((issue) => {
      const field = issue.path.map((part) => (typeof part === "number" ? `item ${part + 1}` : String(part))).join(" ");
      if (issue.code === "unrecognized_keys")
        return `Unknown field${issue.keys.length > 1 ? "s" : ""}: ${issue.keys.join(", ")}.`;
      if (!ZOD_DEFAULT.test(issue.message)) return issue.message;
      const detail = issue.message.replace(/^Invalid input: /, "").replace(/\.$/, "");
      return field ? `The field "${field}" is not valid (${detail}).` : `The request is not valid (${detail}).`;
    })
    .join(" ");
}
