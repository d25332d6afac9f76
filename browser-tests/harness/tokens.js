// Subscriber tokens for a server started with jwt_hs256_secret: HS256 JWTs signed with node:crypto.

import { createHmac } from 'node:crypto';

export const SECRET = 'browser-tests-secret-0123456789abcdef-0123456789';

const base64url = (value) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

export function hs256(claims, secret = SECRET) {
  const now = Math.floor(Date.now() / 1000);
  const body = `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url({ iat: now, exp: now + 3600, ...claims })}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}
