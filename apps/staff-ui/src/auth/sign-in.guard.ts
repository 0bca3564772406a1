import type { NextFunction, Request, Response } from 'express';
import { SESSION_COOKIE } from '../web/constants';

const PUBLIC = [
  /^\/sign-in$/,
  /^\/sign-in\/start$/,
  /^\/signed-out$/,
  /^\/auth\/callback$/,
  /^\/health\//,
  /^\/metrics$/,
  /^\/assets\//,
  /^\/js\//,
];

/**
 * Every page needs a signed-in user with an unexpired token. Otherwise the user is sent to sign in,
 * and (for a page they were reading) brought back to it afterwards.
 */
export function signInGuard(req: Request, res: Response, next: NextFunction): void {
  if (PUBLIC.some((p) => p.test(req.path))) return next();
  if (req.session.user && (req.session.tokenExpiresAt ?? 0) > Date.now()) return next();
  sendToSignIn(req, res);
}

export function sendToSignIn(req: Request, res: Response): void {
  const hadSession = (req.headers.cookie ?? '').includes(`${SESSION_COOKIE}=`);
  delete req.session.user;
  delete req.session.token;
  delete req.session.tokenExpiresAt;
  if (req.method === 'GET' && req.path !== '/' && req.path !== '/sign-out')
    req.session.returnTo = req.originalUrl;
  if (hadSession)
    req.session.flash = { kind: 'info', text: 'Your session has ended. Sign in again to continue.' };
  req.session.save(() => res.redirect(303, '/sign-in'));
}

/** Only a path on this app (no scheme, no host, no protocol-relative URL). */
export function safeReturnPath(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) {
    return undefined;
  }
  return value;
}
