import type { AuthorizationRequest } from './authorization-request';

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * Content-Security-Policy of the local provider's pages: nothing but their own inline style (by nonce), and
 * forms that may post here and be redirected on to the registered clients (browsers check form-action on
 * every redirect after a form is sent).
 */
export function pageCsp(styleNonce: string, formTargets: string[]): string {
  return [
    "default-src 'none'",
    `style-src 'nonce-${styleNonce}'`,
    `form-action 'self' ${formTargets.join(' ')}`.trim(),
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}

function page(title: string, styleNonce: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escape(title)} - Local identity provider (development only)</title>
<style nonce="${styleNonce}">
body{font-family:arial,sans-serif;margin:0;color:#0b0c0c;line-height:1.4}
header{background:#0b0c0c;color:#fff;padding:12px 20px;font-weight:bold}
main{max-width:640px;padding:20px}
label{display:block;font-weight:bold;margin:16px 0 4px}
input[type=text],input[type=password]{font-size:1.1rem;padding:6px;width:100%;max-width:320px;border:2px solid #0b0c0c}
input:focus,button:focus{outline:3px solid #ffdd00;outline-offset:0}
button{margin-top:20px;font-size:1.1rem;padding:8px 14px;background:#00703c;color:#fff;border:0}
.error-summary{border:4px solid #d4351c;padding:12px 16px;margin-bottom:16px}
.error{color:#d4351c;font-weight:bold;display:block}
.note{font-size:.9rem;color:#505a5f;margin-top:24px}
</style>
</head>
<body>
<header>Local identity provider: development only</header>
<main>
${body}
</main>
</body>
</html>`;
}

export function signInPage(opts: {
  request: AuthorizationRequest;
  styleNonce: string;
  username?: string;
  error?: string;
}): string {
  const r = opts.request;
  const hidden = (name: string, value: string) =>
    `<input type="hidden" name="${name}" value="${escape(value)}">`;
  const error = opts.error
    ? `<div class="error-summary" role="alert"><h2>There is a problem</h2><p><a href="#username">${escape(opts.error)}</a></p></div>`
    : '';
  return page(
    'Sign in',
    opts.styleNonce,
    `${error}<h1>Sign in</h1>
<p>Sign in to continue to <strong>${escape(r.clientId)}</strong>.</p>
<form method="post" action="authorize" novalidate>
${hidden('response_type', 'code')}${hidden('client_id', r.clientId)}${hidden('redirect_uri', r.redirectUri)}
${hidden('scope', r.scope)}${hidden('state', r.state)}${hidden('nonce', r.nonce)}
${hidden('code_challenge', r.codeChallenge)}${hidden('code_challenge_method', 'S256')}
<label for="username">Username</label>
${opts.error ? `<span class="error" id="username-error">${escape(opts.error)}</span>` : ''}
<input type="text" id="username" name="username" autocomplete="username" spellcheck="false" value="${escape(opts.username ?? '')}"${opts.error ? ' aria-describedby="username-error" aria-invalid="true"' : ''}>
<label for="password">Password</label>
<input type="password" id="password" name="password" autocomplete="current-password">
<button type="submit">Sign in</button>
</form>
<p class="note">The demo users are listed at <code>/auth/demo-users</code>; their password is <code>DEMO_USER_PASSWORD</code> in <code>.local/secrets.env</code>.</p>`,
  );
}

export function messagePage(title: string, message: string, styleNonce: string): string {
  return page(title, styleNonce, `<h1>${escape(title)}</h1><p>${escape(message)}</p>`);
}
