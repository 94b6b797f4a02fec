/** Who is asking, once authenticated: the user who owns what they touch (`userId` is the user's id). */
export interface Caller {
  userId: string;
  email: string;
  name: string;
  isAdmin: boolean;
  /** How they proved it: a browser session or a personal API token. */
  via: "session" | "token";
}
