import { getAuth } from "./auth";

/**
 * Signs a person in right after their account was made (setup, invite, open signup): better-auth makes the
 * session, and its Set-Cookie headers go onto our answer.
 */
export async function startSession(email: string, password: string, headers: Headers, answer: Response): Promise<Response> {
  const signedIn = await getAuth().api.signInEmail({ body: { email, password }, headers, asResponse: true });
  for (const cookie of signedIn.headers.getSetCookie()) answer.headers.append("Set-Cookie", cookie);
  return answer;
}
