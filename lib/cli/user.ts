// `npm run user -- create --email E --password P [--name N] [--admin]`
// `npm run user -- reset-password --email E [--password P]` (without --password a new one is made and printed last)
// `npm run user -- disable|enable --email E`
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { createAccount, setDisabled, setPassword } from "@/lib/auth/accounts";
import { claimOwnerIfNone } from "@/lib/auth/owner-setup";
import { emailSchema, passwordSchema } from "@/lib/auth/schemas";
import { prepareDatabase, getDb } from "@/lib/db/client";
import { describeZodError } from "@/lib/http/route-handler";
import { runCli } from "./run-cli";

runCli(async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      email: { type: "string" },
      password: { type: "string" },
      name: { type: "string" },
      admin: { type: "boolean", default: false },
    },
  });
  const command = positionals[0];
  const email = emailSchema.safeParse(values.email);
  if (!email.success) return `--email: ${describeZodError(email.error)}`;
  await prepareDatabase();
  if (command === "create") {
    const password = passwordSchema.safeParse(values.password);
    if (!password.success) return `--password: ${describeZodError(password.error)}`;
    const name = values.name ?? email.data.split("@")[0]!;
    const account = { email: email.data, password: password.data, name };
    const user = await createAccount(account, values.admin ? "admin" : "user");
    // The first admin made here is the studio's owner: the first visit then asks for sign-in, not setup.
    if (values.admin) await claimOwnerIfNone(user.id);
    console.log(`created ${values.admin ? "admin" : "user"} ${user.email} (${user.id})`);
    return 0;
  }
  if (command === "reset-password") {
    const generated = values.password ?? randomBytes(12).toString("base64url");
    const password = passwordSchema.safeParse(generated);
    if (!password.success) return `--password: ${describeZodError(password.error)}`;
    await setPassword(email.data, password.data);
    console.log(`password of ${email.data} changed; every session of theirs was signed out and every API token revoked`);
    if (!values.password) console.log(generated);
    return 0;
  }
  if (command === "disable" || command === "enable") {
    const user = await getDb().user.findUnique({ where: { email: email.data } });
    if (!user) return `no account has the email ${email.data}`;
    const { canceledJobs } = await setDisabled(user.id, command === "disable");
    console.log(`${email.data} ${command}d${canceledJobs ? ` (${canceledJobs} videos in progress canceled)` : ""}`);
    return 0;
  }
  return "usage: npm run user -- create|reset-password|disable|enable --email E [--password P] [--name N] [--admin]";
});
