import { z } from "zod";
import { PASSWORD_LIMITS } from "@/lib/vocabulary";
import { isUnclaimedEmail, UNCLAIMED_EMAIL_REFUSAL } from "./unclaimed-users";

export const emailSchema = z
  .string({ error: "Give an email address." })
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "That is not an email address." }).max(254, "That email address is too long."))
  .refine((email) => !isUnclaimedEmail(email), UNCLAIMED_EMAIL_REFUSAL);

export const passwordSchema = z
  .string({ error: "Give a password." })
  .min(PASSWORD_LIMITS.min, `A password needs at least ${PASSWORD_LIMITS.min} characters.`)
  .max(PASSWORD_LIMITS.max, `A password can have at most ${PASSWORD_LIMITS.max} characters.`);

export const nameSchema = z
  .string({ error: "Give a name." })
  .trim()
  .min(1, "Give a name.")
  .max(100, "A name can have at most 100 characters.")
  .refine((v) => v.isWellFormed(), "The name contains a broken character.");

export const newAccountSchema = z.strictObject({ name: nameSchema, email: emailSchema, password: passwordSchema });
export type NewAccount = z.output<typeof newAccountSchema>;

/** The owner's account; `setupCode` when the server listens beyond this machine (printed at start-up). */
export const ownerSetupSchema = newAccountSchema.extend({
  setupCode: z.string({ error: "The setup code is text, as printed in the server's console." }).max(100).optional(),
});

export const acceptInviteSchema = newAccountSchema.extend({
  token: z.string({ error: "The invite link is incomplete." }).min(10).max(200),
});

export const createTokenSchema = z.strictObject({
  name: z
    .string({ error: "Name the token (what will use it?)." })
    .trim()
    .min(1, "Name the token (what will use it?).")
    .max(60, "A token name can have at most 60 characters."),
});

export const updateUserSchema = z
  .strictObject({
    disabled: z.boolean({ error: 'Say "disabled": true or false.' }).optional(),
    dailyBudgetUsd: z
      .number({ error: "The daily limit must be a number of dollars, or null for none." })
      .min(0, "The daily limit cannot be negative.")
      .max(100_000, "The daily limit can be at most $100,000.")
      .nullable()
      .optional(),
  })
  .refine((v) => v.disabled !== undefined || v.dailyBudgetUsd !== undefined, {
    error: 'Say "disabled" or "dailyBudgetUsd".',
  });

export const newInviteSchema = z.strictObject({ email: emailSchema.optional() });

export const signOutEverywhereSchema = z.strictObject({
  revokeTokens: z.boolean({ error: 'Say "revokeTokens": true or false.' }).optional(),
});
