// `npm run token -- create --email E --name N`: prints the new personal API token as its last line.
import { parseArgs } from "node:util";
import { createApiToken } from "@/lib/auth/api-tokens";
import { createTokenSchema, emailSchema } from "@/lib/auth/schemas";
import { getDb, prepareDatabase } from "@/lib/db/client";
import { describeZodError } from "@/lib/http/route-handler";
import { runCli } from "./run-cli";

runCli(async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { email: { type: "string" }, name: { type: "string" } },
  });
  if (positionals[0] !== "create") return "usage: npm run token -- create --email E --name N";
  const email = emailSchema.safeParse(values.email);
  if (!email.success) return `--email: ${describeZodError(email.error)}`;
  const name = createTokenSchema.safeParse({ name: values.name });
  if (!name.success) return `--name: ${describeZodError(name.error)}`;
  await prepareDatabase();
  const user = await getDb().user.findUnique({ where: { email: email.data } });
  if (!user) return `no account has the email ${email.data}`;
  const token = await createApiToken(user.id, name.data.name);
  console.log(`token "${token.name}" for ${user.email} (shown once; revoke it on the Account page)`);
  console.log(token.token);
  return 0;
});
