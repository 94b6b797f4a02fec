/**
 * Users the accounts migration made for jobs older than accounts: they have no password and cannot sign in,
 * the owner's setup takes their jobs over, and the Admin list leaves them out. No real account may use the
 * domain (a real one would vanish from that list); `.invalid` is reserved and never resolves (RFC 2606).
 */
export const UNCLAIMED_EMAIL_SUFFIX = "@unclaimed.invalid";

export const isUnclaimedEmail = (email: string) => email.trim().toLowerCase().endsWith(UNCLAIMED_EMAIL_SUFFIX);

export const UNCLAIMED_EMAIL_REFUSAL = `Addresses ending in ${UNCLAIMED_EMAIL_SUFFIX} are kept for the studio's own placeholder users: use a real email address.`;
