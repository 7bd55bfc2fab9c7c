import { randomBytes, scryptSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../src/cli/run-cli.js';
import { loadBeaconConfig } from '../src/config/beacon-config.js';
import type { Actor, Role } from '../src/domain/permissions.js';
import { ManualClock, systemClock } from '../src/lib/clock.js';
import { EventBus } from '../src/lib/events.js';
import { DAY, HOUR, MINUTE, SECOND } from '../src/lib/time.js';
import { applySiteConfig } from '../src/services/apply-site-config.js';
import { changePassword } from '../src/services/auth/change-password.js';
import { completeSetup } from '../src/services/auth/complete-setup.js';
import { confirmTotp } from '../src/services/auth/confirm-totp.js';
import { createApiKey } from '../src/services/auth/create-api-key.js';
import { createSetupToken } from '../src/services/auth/create-setup-token.js';
import { createUser } from '../src/services/auth/create-user.js';
import { deleteUser } from '../src/services/auth/delete-user.js';
import { disableTotp } from '../src/services/auth/disable-totp.js';
import { enableTotp } from '../src/services/auth/enable-totp.js';
import { listApiKeys } from '../src/services/auth/list-api-keys.js';
import { listUsers } from '../src/services/auth/list-users.js';
import { lockoutMessage, login, type LoginResult } from '../src/services/auth/login.js';
import { logout, logoutEverywhere } from '../src/services/auth/logout.js';
import { hashPassword, verifyPassword } from '../src/services/auth/password-hash.js';
import { RateLimitedError } from '../src/services/auth/rate-limited-error.js';
import { resolveApiKey } from '../src/services/auth/resolve-api-key.js';
import { resolveSession } from '../src/services/auth/resolve-session.js';
import { revokeApiKey } from '../src/services/auth/revoke-api-key.js';
import { sessionIdHash } from '../src/services/auth/session-token.js';
import { setupStatus } from '../src/services/auth/setup-status.js';
import { totpCode } from '../src/services/auth/totp.js';
import { updateUserRole } from '../src/services/auth/update-user-role.js';
import { createIncident } from '../src/services/incidents/create-incident.js';
import { openStore as openConfiguredStore } from '../src/services/open-store.js';
import type { ServiceContext } from '../src/services/service-context.js';
import { readSessionRow, renewSession } from '../src/store/sessions.js';
import { findUserByEmail, insertUser } from '../src/store/users.js';
import { newId } from '../src/lib/ids.js';
import { toUser } from '../src/services/auth/user.js';
import { describeEachDialect } from './helpers/dialects.js';
import { siteConfig } from './helpers/site-configs.js';

const SYSTEM: Actor = { kind: 'system', name: 'test' };
const PASSWORD = 'correct horse battery staple';
const START = Date.parse('2026-11-23T10:00:00Z');
const PASSWORD_HASH = hashPassword(PASSWORD);

describeEachDialect('auth services', (openStore) => {
  async function setup() {
    const store = await openStore();
    const clock = new ManualClock(START);
    const ctx: ServiceContext = { store, clock, events: new EventBus() };
    return { ctx, clock, store };
  }

  // Most tests need users, not user creation: insert them with one precomputed hash (scrypt is slow by design).
  async function addUser(ctx: ServiceContext, email: string, role: Role = 'owner') {
    const now = ctx.clock.now();
    const row = {
      id: newId(),
      email,
      role,
      password_hash: await PASSWORD_HASH,
      totp_secret: null,
      totp_enabled: 0,
      totp_last_step: null,
      failed_logins: 0,
      locked_until: null,
      created_at: now,
      updated_at: now,
      deleted_at: null,
    };
    await insertUser(ctx.store.db, row);
    const user = toUser(row, now);
    return { user, actor: { kind: 'user', id: user.id, email: user.email, role: user.role } as Actor };
  }

  const attempt = (
    ctx: ServiceContext,
    email: string,
    password: string,
    extra: { totp?: string; ip?: string } = {},
  ) =>
    login(ctx, {
      email,
      password,
      ip: extra.ip ?? null,
      userAgent: 'vitest',
      ...(extra.totp === undefined ? {} : { totp: extra.totp }),
    });

  function signedIn(result: LoginResult) {
    if (result.kind !== 'ok') throw new Error(`expected a session, got ${result.kind}`);
    return result;
  }

  it('creates a user with a one-time password that signs in', async () => {
    const { ctx } = await setup();
    const { user, oneTimePassword } = await createUser(ctx, SYSTEM, {
      email: ' Ann@Example.com ',
      role: 'owner',
    });
    expect(user).toMatchObject({
      email: 'ann@example.com',
      role: 'owner',
      totpEnabled: false,
      lockedUntil: null,
      createdAt: START,
    });
    expect(oneTimePassword).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const result = signedIn(await attempt(ctx, 'ANN@example.com', oneTimePassword!));
    expect(result.user.id).toBe(user.id);
    expect(result.session.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(result.session.expiresAt).toBe(START + 12 * HOUR);
    expect(await attempt(ctx, 'ann@example.com', 'wrong password!')).toEqual({ kind: 'invalid' });
    expect(await attempt(ctx, 'nobody@example.com', PASSWORD)).toEqual({ kind: 'invalid' });
    await expect(createUser(ctx, SYSTEM, { email: 'ann@example.com', role: 'viewer' })).rejects.toMatchObject(
      { code: 'CONFLICT' },
    );
    await expect(createUser(ctx, SYSTEM, { email: 'not-an-email', role: 'viewer' })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    await expect(
      createUser(ctx, SYSTEM, { email: 'b@example.com', role: 'viewer', password: 'short' }),
    ).rejects.toThrow(/at least 12 characters/);
  });

  it('hashes passwords with scrypt, a salt per user, and parameters in the hash', async () => {
    const { ctx, store } = await setup();
    await createUser(ctx, SYSTEM, { email: 'a@example.com', role: 'owner', password: PASSWORD });
    await createUser(ctx, SYSTEM, { email: 'b@example.com', role: 'owner', password: PASSWORD });
    const a = (await findUserByEmail(store.db, 'a@example.com'))!.password_hash!;
    const b = (await findUserByEmail(store.db, 'b@example.com'))!.password_hash!;
    expect(a).toMatch(/^\$scrypt\$ln=15,r=8,p=1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain(PASSWORD);
    expect(await verifyPassword(PASSWORD, a)).toBe(true);
    expect(await verifyPassword(PASSWORD, b)).toBe(true);
    expect(await verifyPassword(`${PASSWORD}!`, a)).toBe(false);
    // Tampered or foreign hashes are refused, never thrown on (and never allowed to ask for huge memory).
    expect(await verifyPassword(PASSWORD, a.replace('ln=15', 'ln=30'))).toBe(false);
    expect(await verifyPassword(PASSWORD, a.slice(0, -8))).toBe(false);
    expect(await verifyPassword(PASSWORD, 'plaintext')).toBe(false);
    // An older, cheaper hash still verifies (the parameters travel with it) and is upgraded at sign-in.
    const salt = randomBytes(16);
    const old = `$scrypt$ln=14,r=8,p=1$${salt.toString('base64')}$${scryptSync(PASSWORD, salt, 32, { N: 2 ** 14, r: 8, p: 1 }).toString('base64')}`;
    expect(await verifyPassword(PASSWORD, old)).toBe(true);
    await store.db
      .updateTable('users')
      .set({ password_hash: old })
      .where('email', '=', 'a@example.com')
      .execute();
    expect(
      (await login(ctx, { email: 'a@example.com', password: PASSWORD, ip: null, userAgent: null })).kind,
    ).toBe('ok');
    expect((await findUserByEmail(store.db, 'a@example.com'))!.password_hash).toMatch(/^\$scrypt\$ln=15,/);
  });

  it('locks an account for 15 minutes after 5 failed sign-ins in a row, and says until when', async () => {
    const { ctx, clock } = await setup();
    await addUser(ctx, 'ann@example.com');
    for (let i = 0; i < 4; i++)
      expect(await attempt(ctx, 'ann@example.com', `guess number ${i}`)).toEqual({ kind: 'invalid' });
    const locked = await attempt(ctx, 'ann@example.com', 'guess number 5');
    expect(locked).toEqual({ kind: 'locked', until: START + 15 * MINUTE });
    expect(lockoutMessage(START + 15 * MINUTE)).toBe(
      'too many failed sign-ins: this account is locked for 15 minutes, until 2026-11-23 10:15 UTC; try again then',
    );
    clock.advance(14 * MINUTE);
    expect(await attempt(ctx, 'ann@example.com', PASSWORD)).toEqual({
      kind: 'locked',
      until: START + 15 * MINUTE,
    });
    const [listed] = await listUsers(ctx, SYSTEM);
    expect(listed?.lockedUntil).toBe(START + 15 * MINUTE);
    clock.advance(MINUTE);
    signedIn(await attempt(ctx, 'ann@example.com', PASSWORD));
    // A success resets the count: four more failures do not lock.
    for (let i = 0; i < 4; i++)
      expect((await attempt(ctx, 'ann@example.com', `again ${i}`)).kind).toBe('invalid');
    signedIn(await attempt(ctx, 'ann@example.com', PASSWORD));
  });

  it('counts parallel failures, so a burst of guesses still locks', async () => {
    const { ctx } = await setup();
    await addUser(ctx, 'ann@example.com');
    const results = await Promise.all(
      Array.from({ length: 7 }, (_, i) => attempt(ctx, 'ann@example.com', `parallel guess ${i}`)),
    );
    expect(results.filter((r) => r.kind === 'locked').length).toBeGreaterThanOrEqual(3);
    expect((await attempt(ctx, 'ann@example.com', PASSWORD)).kind).toBe('locked');
  });

  it('limits sign-in attempts to 10 a minute per address, before checking any password', async () => {
    const { ctx, clock } = await setup();
    await addUser(ctx, 'ann@example.com');
    for (let i = 0; i < 10; i++) {
      clock.advance(SECOND);
      await attempt(ctx, `nobody${i}@example.com`, 'whatever password', { ip: '203.0.113.9' });
    }
    const refused = await attempt(ctx, 'ann@example.com', PASSWORD, { ip: '203.0.113.9' }).catch(
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(RateLimitedError);
    expect(refused).toMatchObject({ code: 'RATE_LIMITED', retryAfterSec: 51 });
    expect((refused as Error).message).toBe(
      'too many sign-in attempts from this address; try again in 51 seconds',
    );
    // Other addresses are unaffected, and a refused attempt does not extend the wait.
    signedIn(await attempt(ctx, 'ann@example.com', PASSWORD, { ip: '198.51.100.1' }));
    clock.advance(51 * SECOND);
    signedIn(await attempt(ctx, 'ann@example.com', PASSWORD, { ip: '203.0.113.9' }));
  });

  it('lets at most 10 of a parallel burst from one address through', async () => {
    const { ctx } = await setup();
    const results = await Promise.allSettled(
      Array.from({ length: 25 }, (_, i) =>
        attempt(ctx, `x${i}@example.com`, 'whatever password', { ip: '203.0.113.7' }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
  });

  it('asks for an authenticator code once two-factor sign-in is confirmed, and accepts each code once', async () => {
    const { ctx, clock } = await setup();
    const { user, actor } = await addUser(ctx, 'ann@example.com');
    const { secret, otpauthUrl } = await enableTotp(ctx, actor, user.id);
    expect(otpauthUrl).toContain(`secret=${secret}`);
    // Not yet confirmed: sign-in does not ask for a code.
    signedIn(await attempt(ctx, 'ann@example.com', PASSWORD));
    await expect(confirmTotp(ctx, actor, user.id, '000000')).rejects.toMatchObject({ code: 'VALIDATION' });
    await confirmTotp(ctx, actor, user.id, totpCode(secret, clock.now()));
    await expect(enableTotp(ctx, actor, user.id)).rejects.toMatchObject({ code: 'CONFLICT' });

    clock.advance(MINUTE);
    expect(await attempt(ctx, 'ann@example.com', PASSWORD)).toEqual({ kind: 'totp_required' });
    expect(
      await attempt(ctx, 'ann@example.com', 'wrong password!', { totp: totpCode(secret, clock.now()) }),
    ).toEqual({ kind: 'invalid' });
    expect(
      await attempt(ctx, 'ann@example.com', PASSWORD, { totp: totpCode(secret, clock.now() - 5 * MINUTE) }),
    ).toEqual({ kind: 'invalid' });
    const code = totpCode(secret, clock.now());
    const ok = signedIn(await attempt(ctx, 'ann@example.com', PASSWORD, { totp: code }));
    expect(ok.user.totpEnabled).toBe(true);
    expect(await attempt(ctx, 'ann@example.com', PASSWORD, { totp: code })).toEqual({ kind: 'invalid' });
    clock.advance(30 * SECOND);
    signedIn(await attempt(ctx, 'ann@example.com', PASSWORD, { totp: totpCode(secret, clock.now()) }));

    await expect(
      disableTotp(ctx, actor, user.id, { currentPassword: 'wrong password!' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await disableTotp(ctx, actor, user.id, { currentPassword: PASSWORD });
    signedIn(await attempt(ctx, 'ann@example.com', PASSWORD));
  });

  it('ends a session after 12 idle hours, and after 7 days however active', async () => {
    const { ctx, clock } = await setup();
    await addUser(ctx, 'ann@example.com');
    const idle = signedIn(await attempt(ctx, 'ann@example.com', PASSWORD)).session;
    const active = signedIn(await attempt(ctx, 'ann@example.com', PASSWORD)).session;
    const info = (await resolveSession(ctx, idle.token))!;
    expect(info).toMatchObject({
      csrfToken: idle.csrfToken,
      expiresAt: START + 12 * HOUR,
      actor: { kind: 'user', email: 'ann@example.com', role: 'owner' },
    });
    expect(await resolveSession(ctx, 'not-a-token')).toBeNull();
    expect(await resolveSession(ctx, 'A'.repeat(43))).toBeNull();

    clock.advance(11 * HOUR);
    expect((await resolveSession(ctx, active.token))?.expiresAt).toBe(clock.now() + 12 * HOUR);
    clock.advance(HOUR);
    expect(await resolveSession(ctx, idle.token)).toBeNull();
    // Used every 11 hours, the other session lives on until the 7-day limit.
    for (let usedAt = 22 * HOUR; usedAt < 7 * DAY; usedAt += 11 * HOUR) {
      clock.set(START + usedAt);
      expect(await resolveSession(ctx, active.token), `after ${usedAt / HOUR} h`).not.toBeNull();
    }
    // Renewal never extends past the absolute limit.
    expect((await resolveSession(ctx, active.token))?.expiresAt).toBeLessThanOrEqual(START + 7 * DAY);
    clock.set(START + 7 * DAY);
    expect(await resolveSession(ctx, active.token)).toBeNull();
  });

  it('renews a session at most once per window when 200 requests arrive together', async () => {
    const { ctx, clock, store } = await setup();
    await addUser(ctx, 'ann@example.com');
    const { session } = signedIn(await attempt(ctx, 'ann@example.com', PASSWORD));
    // One entry per renewal UPDATE sent by this process, written or not.
    const renewed: number[] = [];
    ctx.events.on('session:renewed', (e) => renewed.push(e.written ? e.expiresAt : -1));

    // Inside the window: no write at all.
    clock.advance(4 * MINUTE);
    await Promise.all(Array.from({ length: 200 }, () => resolveSession(ctx, session.token)));
    expect(renewed).toEqual([]);

    clock.advance(2 * MINUTE);
    const infos = await Promise.all(Array.from({ length: 200 }, () => resolveSession(ctx, session.token)));
    expect(infos.every((i) => i?.expiresAt === clock.now() + 12 * HOUR)).toBe(true);
    expect(renewed).toEqual([clock.now() + 12 * HOUR]);
    const row = (await readSessionRow(store.db, sessionIdHash(session.token)!))!;
    expect(row).toMatchObject({
      renew_count: 1,
      renewed_at: clock.now(),
      expires_at: clock.now() + 12 * HOUR,
    });
  });

  it('lets only one of several processes write a renewal (the conditional UPDATE)', async () => {
    const { ctx, clock, store } = await setup();
    await addUser(ctx, 'ann@example.com');
    const { session } = signedIn(await attempt(ctx, 'ann@example.com', PASSWORD));
    clock.advance(6 * MINUTE);
    const idHash = sessionIdHash(session.token)!;
    const now = clock.now();
    // What each process would send after reading the same stale row, bypassing the in-process guard.
    const renewal = { idHash, now, renewedBefore: now - 5 * MINUTE, expiresAt: now + 12 * HOUR };
    const written = await Promise.all(Array.from({ length: 8 }, () => renewSession(store.db, renewal)));
    expect(written.filter(Boolean)).toHaveLength(1);
    expect((await readSessionRow(store.db, idHash))?.renew_count).toBe(1);
  });

  it('signs out one session, or every session of a user', async () => {
    const { ctx } = await setup();
    const ann = await addUser(ctx, 'ann@example.com');
    await addUser(ctx, 'bob@example.com', 'admin');
    const [a1, a2, a3] = await Promise.all(
      [1, 2, 3].map(async () => signedIn(await attempt(ctx, 'ann@example.com', PASSWORD)).session),
    );
    const bob = signedIn(await attempt(ctx, 'bob@example.com', PASSWORD)).session;
    await logout(ctx, a1!.token);
    expect(await resolveSession(ctx, a1!.token)).toBeNull();
    expect(await resolveSession(ctx, a2!.token)).not.toBeNull();
    await logout(ctx, a1!.token);
    expect(await logoutEverywhere(ctx, ann.actor, ann.user.id)).toBe(2);
    expect(await resolveSession(ctx, a3!.token)).toBeNull();
    expect(await resolveSession(ctx, bob.token)).not.toBeNull();
  });

  it('changes a password with the current one, ending the other sessions', async () => {
    const { ctx } = await setup();
    const ann = await addUser(ctx, 'ann@example.com');
    const bob = await addUser(ctx, 'bob@example.com');
    const here = signedIn(await attempt(ctx, 'ann@example.com', PASSWORD)).session;
    const elsewhere = signedIn(await attempt(ctx, 'ann@example.com', PASSWORD)).session;
    const next = 'a new and longer passphrase';
    await expect(
      changePassword(ctx, ann.actor, ann.user.id, { currentPassword: 'wrong password!', newPassword: next }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      changePassword(ctx, ann.actor, ann.user.id, { currentPassword: PASSWORD, newPassword: 'too short' }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(
      changePassword(ctx, bob.actor, ann.user.id, { currentPassword: PASSWORD, newPassword: next }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await changePassword(ctx, ann.actor, ann.user.id, {
      currentPassword: PASSWORD,
      newPassword: next,
      keepSessionToken: here.token,
    });
    expect(await resolveSession(ctx, here.token)).not.toBeNull();
    expect(await resolveSession(ctx, elsewhere.token)).toBeNull();
    expect(await attempt(ctx, 'ann@example.com', PASSWORD)).toEqual({ kind: 'invalid' });
    signedIn(await attempt(ctx, 'ann@example.com', next));
  });

  it('accepts API keys until revoked, records last use at most once a minute, and keeps read keys read-only', async () => {
    const { ctx, clock, store } = await setup();
    const { pageId } = await applySiteConfig(store, siteConfig(), clock);
    const owner = await addUser(ctx, 'ann@example.com');
    const write = await createApiKey(ctx, owner.actor, { name: 'deploy pipeline', scope: 'write' });
    const read = await createApiKey(ctx, owner.actor, { name: 'dashboard', scope: 'read' });
    expect(write.key).toMatch(/^bk_[A-Za-z0-9_-]{43}$/);
    expect(write.apiKey).toMatchObject({
      name: 'deploy pipeline',
      scope: 'write',
      prefix: write.key.slice(0, 9),
      createdBy: owner.user.id,
      lastUsedAt: null,
      revokedAt: null,
    });
    expect(JSON.stringify(await listApiKeys(ctx, owner.actor))).not.toContain(write.key);

    const used: number[] = [];
    ctx.events.on('api_key:used', (e) => used.push(e.written ? e.at : -1));
    const writer = (await resolveApiKey(ctx, write.key))!;
    expect(writer).toEqual({ kind: 'api_key', id: write.apiKey.id, name: 'deploy pipeline', scope: 'write' });
    await Promise.all(Array.from({ length: 20 }, () => resolveApiKey(ctx, write.key)));
    clock.advance(30 * SECOND);
    await resolveApiKey(ctx, write.key);
    expect(used).toEqual([START]);
    clock.advance(31 * SECOND);
    await resolveApiKey(ctx, write.key);
    expect(used).toEqual([START, START + 61 * SECOND]);
    expect((await listApiKeys(ctx, owner.actor)).find((k) => k.id === write.apiKey.id)?.lastUsedAt).toBe(
      START + 61 * SECOND,
    );

    await createIncident(ctx, writer, pageId, { name: 'Written with a key' });
    const reader = (await resolveApiKey(ctx, read.key))!;
    await expect(createIncident(ctx, reader, pageId, { name: 'Not allowed' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });

    await revokeApiKey(ctx, owner.actor, write.apiKey.id);
    await revokeApiKey(ctx, owner.actor, write.apiKey.id);
    expect(await resolveApiKey(ctx, write.key)).toBeNull();
    expect(await resolveApiKey(ctx, `${write.key.slice(0, -1)}x`)).toBeNull();
    expect(await resolveApiKey(ctx, 'garbage')).toBeNull();
    expect((await listApiKeys(ctx, owner.actor)).find((k) => k.id === write.apiKey.id)?.revokedAt).toBe(
      clock.now(),
    );
    await expect(revokeApiKey(ctx, owner.actor, 'nosuchkey000')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('creates the first owner once with the setup token', async () => {
    const { ctx } = await setup();
    expect(await setupStatus(ctx)).toEqual({ ownerExists: false });
    const stale = await createSetupToken(ctx);
    const token = (await createSetupToken(ctx))!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const input = { token, email: 'owner@example.com', password: PASSWORD };
    await expect(completeSetup(ctx, { ...input, token: stale! })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(completeSetup(ctx, { ...input, password: 'short' })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    const results = await Promise.allSettled([completeSetup(ctx, input), completeSetup(ctx, input)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    await expect(completeSetup(ctx, input)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await setupStatus(ctx)).toEqual({ ownerExists: true });
    expect(await createSetupToken(ctx)).toBeNull();
    expect((await listUsers(ctx, SYSTEM)).map((u) => [u.email, u.role])).toEqual([
      ['owner@example.com', 'owner'],
    ]);
    signedIn(await attempt(ctx, 'owner@example.com', PASSWORD));
  });

  it('never removes or demotes the last owner', async () => {
    const { ctx } = await setup();
    const ann = await addUser(ctx, 'ann@example.com');
    const bob = await addUser(ctx, 'bob@example.com', 'admin');
    await expect(deleteUser(ctx, ann.actor, ann.user.id)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'this is the last owner; make another user an owner first',
    });
    await expect(updateUserRole(ctx, ann.actor, ann.user.id, 'admin')).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await updateUserRole(ctx, ann.actor, bob.user.id, 'owner');
    // Two owners demoting each other at once: one must fail.
    const results = await Promise.allSettled([
      updateUserRole(ctx, ann.actor, ann.user.id, 'admin'),
      updateUserRole(ctx, SYSTEM, bob.user.id, 'viewer'),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((await listUsers(ctx, SYSTEM)).filter((u) => u.role === 'owner')).toHaveLength(1);
    await expect(updateUserRole(ctx, SYSTEM, 'nosuchuser00', 'viewer')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('deletes a user and ends their sessions', async () => {
    const { ctx } = await setup();
    const ann = await addUser(ctx, 'ann@example.com');
    const bob = await addUser(ctx, 'bob@example.com', 'responder');
    const session = signedIn(await attempt(ctx, 'bob@example.com', PASSWORD)).session;
    await deleteUser(ctx, ann.actor, bob.user.id);
    expect(await resolveSession(ctx, session.token)).toBeNull();
    expect(await attempt(ctx, 'bob@example.com', PASSWORD)).toEqual({ kind: 'invalid' });
    // The email is free again.
    await addUser(ctx, 'bob@example.com', 'viewer');
  });

  it('applies a role change on the next request of a signed-in user', async () => {
    const { ctx } = await setup();
    const ann = await addUser(ctx, 'ann@example.com');
    const bob = await addUser(ctx, 'bob@example.com', 'admin');
    const session = signedIn(await attempt(ctx, 'bob@example.com', PASSWORD)).session;
    await updateUserRole(ctx, ann.actor, bob.user.id, 'viewer');
    expect((await resolveSession(ctx, session.token))?.actor).toMatchObject({ kind: 'user', role: 'viewer' });
  });

  describe('every role and key scope against every account action', () => {
    type Action =
      | 'createUser'
      | 'listUsers'
      | 'updateUserRole'
      | 'deleteUser'
      | 'logoutOther'
      | 'createApiKey'
      | 'listApiKeys'
      | 'revokeApiKey'
      | 'writeIncident'
      | 'logoutSelf';
    const allowed: Record<string, readonly Action[]> = {
      owner: [
        'createUser',
        'listUsers',
        'updateUserRole',
        'deleteUser',
        'logoutOther',
        'createApiKey',
        'listApiKeys',
        'revokeApiKey',
        'writeIncident',
        'logoutSelf',
      ],
      admin: ['createApiKey', 'listApiKeys', 'revokeApiKey', 'writeIncident', 'logoutSelf'],
      responder: ['writeIncident', 'logoutSelf'],
      viewer: ['logoutSelf'],
      'key:write': ['writeIncident'],
      'key:read': [],
    };

    for (const [who, permitted] of Object.entries(allowed)) {
      it(`lets ${who} do exactly: ${permitted.join(', ') || 'nothing'}`, async () => {
        const { ctx, clock, store } = await setup();
        const { pageId } = await applySiteConfig(store, siteConfig(), clock);
        const owner = await addUser(ctx, 'owner@example.com');
        let actor: Actor;
        let selfId = 'no-self-here';
        if (who.startsWith('key:')) {
          const { key } = await createApiKey(ctx, owner.actor, {
            name: who,
            scope: who === 'key:write' ? 'write' : 'read',
          });
          actor = (await resolveApiKey(ctx, key))!;
        } else {
          const me = await addUser(ctx, `me-${who}@example.com`, who as Role);
          actor = me.actor;
          selfId = me.user.id;
        }
        const victim = await addUser(ctx, 'victim@example.com', 'viewer');
        const key = await createApiKey(ctx, owner.actor, { name: 'victim key', scope: 'read' });
        const actions: Record<Action, () => Promise<unknown>> = {
          createUser: () => createUser(ctx, actor, { email: 'new@example.com', role: 'viewer' }),
          listUsers: () => listUsers(ctx, actor),
          logoutOther: () => logoutEverywhere(ctx, actor, victim.user.id),
          updateUserRole: () => updateUserRole(ctx, actor, victim.user.id, 'responder'),
          deleteUser: () => deleteUser(ctx, actor, victim.user.id),
          createApiKey: () => createApiKey(ctx, actor, { name: 'mine', scope: 'read' }),
          listApiKeys: () => listApiKeys(ctx, actor),
          revokeApiKey: () => revokeApiKey(ctx, actor, key.apiKey.id),
          writeIncident: () => createIncident(ctx, actor, pageId, { name: 'Role check' }),
          logoutSelf: () => logoutEverywhere(ctx, actor, selfId),
        };
        for (const [action, run] of Object.entries(actions) as [Action, () => Promise<unknown>][]) {
          if (permitted.includes(action)) await expect(run(), `${who} ${action}`).resolves.not.toThrow();
          else await expect(run(), `${who} ${action}`).rejects.toMatchObject({ code: 'FORBIDDEN' });
        }
      });
    }
  });
});

describe('beacon user create / token create', () => {
  let dir: string;
  let out: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'beacon-auth-cli-'));
    writeFileSync(join(dir, 'beacon.yaml'), 'page: { name: Acme }\n');
    out = '';
    vi.spyOn(process.stdout, 'write').mockImplementation(
      (chunk: string | Uint8Array) => ((out += String(chunk)), true),
    );
    vi.spyOn(process.stderr, 'write').mockImplementation(
      (chunk: string | Uint8Array) => ((out += String(chunk)), true),
    );
  });
  afterEach(() => vi.restoreAllMocks());

  const env = () => ({ BEACON_DATA_DIR: join(dir, 'data'), BEACON_CONFIG: join(dir, 'beacon.yaml') });
  const run = (...args: string[]) => runCli(['node', 'beacon', ...args], env());

  async function withCtx<T>(work: (ctx: ServiceContext) => Promise<T>): Promise<T> {
    const store = await openConfiguredStore(loadBeaconConfig(env(), {}, dir));
    try {
      return await work({ store, clock: systemClock, events: new EventBus() });
    } finally {
      await store.close();
    }
  }

  it('creates an owner and prints a one-time password that signs in', async () => {
    expect(await run('user', 'create', '--email', 'you@example.com', '--role', 'owner')).toBe(0);
    const match =
      /^Created owner you@example\.com\. One-time password: (\S+) \(change it after the first sign-in\)\n$/.exec(
        out,
      );
    expect(match, out).not.toBeNull();
    const result = await withCtx((ctx) =>
      login(ctx, { email: 'you@example.com', password: match![1]!, ip: null, userAgent: null }),
    );
    expect(result.kind).toBe('ok');
    out = '';
    expect(await run('user', 'create', '--email', 'you@example.com', '--role', 'admin')).toBe(1);
    expect(out).toContain('there is already a user with the email you@example.com');
    expect(await run('user', 'create', '--email', 'x@example.com', '--role', 'king')).not.toBe(0);
  });

  it('mints an API key, shows it once with how to send it, and it authenticates', async () => {
    expect(await run('token', 'create', '--name', 'deploys', '--scope', 'read')).toBe(0);
    const key = /\n {2}(bk_\S+)\n/.exec(out)?.[1];
    expect(key, out).toBeDefined();
    expect(out).toContain(`Authorization: OAuth ${key}`);
    expect(await withCtx((ctx) => resolveApiKey(ctx, key!))).toMatchObject({
      kind: 'api_key',
      name: 'deploys',
      scope: 'read',
    });
  });
});
