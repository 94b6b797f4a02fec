import { DockerfileParser, type Instruction } from "dockerfile-ast";
import { validate, ValidationSeverity, type ValidatorSettings } from "dockerfile-utils";

/**
 * No container engine or hadolint runs here, so the Dockerfile is checked as text: dockerfile-utils (the Docker
 * language server's validator) for syntax, then the hadolint rules that matter for this image and what the
 * deployment needs of it. Each returns sentences, one per problem; none means it passes.
 */

const STRICT: ValidatorSettings = {
  deprecatedMaintainer: ValidationSeverity.ERROR,
  directiveCasing: ValidationSeverity.ERROR,
  emptyContinuationLine: ValidationSeverity.ERROR,
  instructionCasing: ValidationSeverity.ERROR,
  instructionCmdMultiple: ValidationSeverity.ERROR,
  instructionEntrypointMultiple: ValidationSeverity.ERROR,
  instructionHealthcheckMultiple: ValidationSeverity.ERROR,
  instructionJSONInSingleQuotes: ValidationSeverity.ERROR,
  instructionWorkdirRelative: ValidationSeverity.ERROR,
};

export function syntaxProblems(dockerfile: string): string[] {
  return validate(dockerfile, STRICT).map((d) => `line ${d.range.start.line + 1}: ${d.message}`);
}

interface Stage {
  image: string;
  name: string | null;
  instructions: Instruction[];
}

function stagesOf(dockerfile: string): Stage[] {
  const stages: Stage[] = [];
  for (const instruction of DockerfileParser.parse(dockerfile).getInstructions()) {
    if (instruction.getKeyword() === "FROM") {
      const [image = "", as, name] = instruction.getArguments().map((a) => a.getValue());
      stages.push({ image, name: as?.toUpperCase() === "AS" ? (name ?? null) : null, instructions: [] });
    } else stages.at(-1)?.instructions.push(instruction);
  }
  return stages;
}

const keyword = (stage: Stage, name: string) => stage.instructions.filter((i) => i.getKeyword() === name);
const text = (instruction: Instruction) => instruction.getRawArgumentsContent() ?? "";
/** With the flags (--from=...), which the arguments leave out. */
const whole = (instruction: Instruction) => instruction.getTextContent();

/** The ENV values a stage sets (`ENV A=1 B=2`). */
function envOf(stage: Stage): Map<string, string> {
  const env = new Map<string, string>();
  for (const instruction of keyword(stage, "ENV"))
    for (const argument of instruction.getArguments()) {
      const [name, ...value] = argument.getValue().split("=");
      if (name && value.length > 0) env.set(name, value.join("="));
    }
  return env;
}

export interface ImageExpectations {
  /** The Node major the tests run on: the image's base must be the same line. */
  nodeMajor: number;
  /** Debian packages the running image needs. */
  systemPackages: string[];
}

export function imageProblems(dockerfile: string, expect: ImageExpectations): string[] {
  const problems: string[] = [];
  const stages = stagesOf(dockerfile);
  if (stages.length < 2) problems.push("The build is not multi-stage: the image would carry the build's node_modules.");
  for (const stage of stages) {
    const [repo, tag] = stage.image.split(":");
    if (!stage.name) problems.push(`FROM ${stage.image} has no stage name (AS name).`);
    if (!tag || tag === "latest") problems.push(`FROM ${stage.image} is not pinned to a tag (hadolint DL3006/DL3007).`);
    else if (repo === "node" && !new RegExp(`^${expect.nodeMajor}([.-]|$)`).test(tag))
      problems.push(`FROM ${stage.image} is not Node ${expect.nodeMajor}, the line the tests run on.`);
    else if (repo === "node" && !tag.includes("slim")) problems.push(`FROM ${stage.image} is not a slim image.`);
    if (keyword(stage, "ADD").length > 0) problems.push("ADD is used where COPY would do (hadolint DL3020).");
    for (const run of keyword(stage, "RUN")) {
      const command = text(run);
      if (!/apt-get install/.test(command)) continue;
      if (!command.includes("--no-install-recommends"))
        problems.push("apt-get install without --no-install-recommends (DL3015).");
      if (!command.includes("rm -rf /var/lib/apt/lists")) problems.push("apt-get lists are left in the layer (DL3009).");
    }
  }
  const final = stages.at(-1);
  if (!final) return [...problems, "The Dockerfile has no FROM."];

  const user = keyword(final, "USER").at(-1);
  if (!user || /^(root|0)(:|$)/.test(text(user)))
    problems.push("The image runs as root: end with USER and a plain account (DL3002).");
  const installed = keyword(final, "RUN")
    .map(text)
    .filter((c) => c.includes("apt-get install"))
    .join(" ");
  for (const pkg of expect.systemPackages)
    if (!new RegExp(`\\s${pkg}(\\s|$)`).test(installed)) problems.push(`The running image does not install ${pkg}.`);

  const dataDir = envOf(final).get("DATA_DIR");
  const volumes = keyword(final, "VOLUME").map(text).join(" ");
  if (!dataDir) problems.push("The running image does not set DATA_DIR.");
  else if (!volumes.includes(`"${dataDir}"`) && !volumes.split(/\s+/).includes(dataDir))
    problems.push(`DATA_DIR (${dataDir}) is not a VOLUME: the database would live in the container's own layer.`);

  const health = keyword(final, "HEALTHCHECK").at(-1);
  if (!health || !/\/api\/health\b/.test(text(health))) problems.push("No HEALTHCHECK asks /api/health.");

  for (const name of ["CMD", "ENTRYPOINT"])
    for (const instruction of keyword(final, name))
      if (!text(instruction).trim().startsWith("["))
        problems.push(`${name} is in shell form: signals would reach a shell, not Node (DL3025).`);
  const cmd = keyword(final, "CMD").at(-1);
  if (!cmd || !text(cmd).includes('"server.js"')) problems.push("CMD does not start server.js (the standalone server).");

  const copied = keyword(final, "COPY").filter((c) => whole(c).includes("--from"));
  if (!copied.some((c) => /\.next\/standalone\b/.test(whole(c))))
    problems.push("The running image does not take .next/standalone.");
  if (copied.some((c) => /node_modules/.test(whole(c))))
    problems.push("The running image copies node_modules from the build: standalone carries what it needs.");
  return problems;
}
