import 'express-session';

/** Who is signed in, from the token's claims; used for navigation and to hide actions (not to enforce them). */
export interface SessionUser {
  username: string;
  name: string;
  roles: string[];
  team?: string;
}

declare module 'express-session' {
  interface SessionData {
    user?: SessionUser;
    /** The gateway access token: kept on the server, never sent to the browser. */
    token?: string;
    tokenExpiresAt?: number;
    /** Where to go back to after signing in again (a path on this app, never personal data). */
    returnTo?: string;
    /** One-off message for the next page (e.g. "your session ended"). */
    flash?: { kind: 'success' | 'info'; text: string };
    /** Reasons given to read restricted (domestic-abuse) knife-swap referrals, by referral id. */
    accessReasons?: Record<string, string>;
  }
}
