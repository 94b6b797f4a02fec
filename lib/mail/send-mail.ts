import nodemailer from "nodemailer";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";

/** Mail is optional: without SMTP_URL, links are handed over by the admin instead. */
export const mailConfigured = () => Boolean(getEnv().SMTP_URL);

export async function sendMail(message: { to: string; subject: string; text: string }): Promise<void> {
  const env = getEnv();
  if (!env.SMTP_URL) throw new AppError("conflict", "No mail server is set up (SMTP_URL): copy the link and send it yourself.");
  const transport = nodemailer.createTransport(env.SMTP_URL);
  try {
    await transport.sendMail({ from: env.MAIL_FROM, ...message });
  } catch (error) {
    throw new AppError("bad_gateway", `The mail server refused the message: ${(error as Error).message}`);
  } finally {
    transport.close();
  }
}
