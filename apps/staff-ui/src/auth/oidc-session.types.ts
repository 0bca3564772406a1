import 'express-session';
import type { PendingSignIn } from './oidc-sign-in';

declare module 'express-session' {
  interface SessionData {
    /** An OpenID Connect sign-in under way: state, nonce and PKCE verifier, never sent to the browser. */
    oidc?: PendingSignIn;
    /** The ID token of the signed-in user, kept for RP-initiated logout (id_token_hint). */
    idToken?: string;
  }
}
