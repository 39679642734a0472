// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { accountOf, rolesOf, Session } from '../src/parents/session';

const b64url = (v: unknown) => btoa(JSON.stringify(v)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

describe('Session', () => {
  it("names the account by the token's sub claim, else by the user name", () => {
    const jwt = `${b64url({ alg: 'RS256' })}.${b64url({ sub: 'acc-42', upn: 'parent' })}.sig`;
    expect(accountOf(jwt, 'parent')).toBe('acc-42');
    expect(accountOf('TOKEN-1', 'parent')).toBe('parent');
    expect(accountOf(`${b64url({})}.${b64url({ upn: 'x' })}.sig`, null)).toBeNull();
  });

  it('keeps the account and the expiry beside the token after a reload, and drops them together', () => {
    sessionStorage.clear();
    new Session(sessionStorage).set('TOKEN-1', 'parent', 1_700_000_000_000);
    const reloaded = new Session(sessionStorage);
    expect(reloaded.get()).toBe('TOKEN-1');
    expect(reloaded.account()).toBe('parent');
    expect(reloaded.expiresAt()).toBe(1_700_000_000_000);
    reloaded.clear();
    const after = new Session(sessionStorage);
    expect([after.get(), after.account(), after.expiresAt()]).toEqual([null, null, null]);
    expect(sessionStorage.length).toBe(0);
  });

  it("keeps the log-in's roles beside the token, else reads the token's groups, and drops them with it", () => {
    sessionStorage.clear();
    const jwt = `${b64url({ alg: 'RS256' })}.${b64url({ sub: 'acc-42', groups: ['GUARDIAN'] })}.sig`;
    expect(rolesOf(jwt)).toEqual(['GUARDIAN']);
    expect(rolesOf('TOKEN-1')).toEqual([]);
    new Session(sessionStorage).set('TOKEN-1', 'parent', null, ['COUNSELLOR']);
    expect(new Session(sessionStorage).roles()).toEqual(['COUNSELLOR']);
    new Session(sessionStorage).set(jwt);
    expect(new Session(sessionStorage).roles()).toEqual(['GUARDIAN']);
    sessionStorage.removeItem('zenmoon.roles'); // a tab from before roles were kept
    expect(new Session(sessionStorage).roles()).toEqual(['GUARDIAN']);
    new Session(sessionStorage).clear();
    expect(new Session(sessionStorage).roles()).toEqual([]);
    expect(sessionStorage.length).toBe(0);
  });
});
