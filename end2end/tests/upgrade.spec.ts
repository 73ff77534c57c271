import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, applicantAccount, as, bookFirstChoice, call, inviteApplicant, loginAs, open } from './helpers';

// An upgrade with tabs open (app::ui::build). Tabs are opened on one build; the server is
// restarted as another: the same browser code under new file names, with a hash file naming
// them, which is what a new build of the front end is to the server (its id is the WASM's hash).
// A tab hears it on its push stream, another (its stream blocked) on its next call; each
// reloads by itself onto the new build, and a click after that works. A score sheet's answer
// kept on the device (not yet sent) when the upgrade comes is in its form after the reload.

/** Another build of the served front end: its files copied under new hashed names, and a hash
 * file naming them; the new WASM hash (the build's id) and that file. */
function anotherBuild(): { id: string; hashFile: string } {
  const site = process.env.PORTAL_SITE;
  const served = process.env.PORTAL_HASH_FILE_SERVED;
  if (!site || !served) throw new Error('PORTAL_SITE is not set: run the suite through scripts/e2e.sh');
  const hashes = Object.fromEntries(
    fs.readFileSync(served, 'utf8').split('\n').filter((l) => l.includes(':'))
      .map((l) => l.split(':').map((p) => p.trim())),
  ) as Record<string, string>;
  const next: Record<string, string> = {};
  for (const [kind, hash] of Object.entries(hashes)) {
    next[kind] = `up${hash}`;
    const file = (h: string) => path.join(site, 'pkg', `interview-portal.${h}.${kind}`);
    fs.copyFileSync(file(hash), file(next[kind]));
  }
  const hashFile = path.join(path.dirname(served), 'hash-upgraded.txt');
  fs.writeFileSync(hashFile, Object.entries(next).map(([k, h]) => `${k}: ${h}\n`).join(''));
  return { id: next.wasm, hashFile };
}

function restart(env: Record<string, string> = {}) {
  const script = process.env.PORTAL_RESTART;
  if (!script) throw new Error('PORTAL_RESTART is not set: run the suite through scripts/e2e.sh');
  execFileSync(script, { env: { ...process.env, ...env } });
}

const build = (page: Page) => page.locator('meta[name="portal-build"]').getAttribute('content');
/** Whether the page is still the one marked before the upgrade (while it reloads: not known). */
const before = (page: Page) => page.evaluate(() => (window as any).__before ?? false).catch(() => 'reloading');

test('an open tab reloads by itself onto a new build, and works', async ({ browser }) => {
  test.setTimeout(150_000);
  // A tab with its push stream; another whose stream is blocked, so only a call can tell it.
  const coordinator = await as(browser, 'coordinator@demo.test', /\/overview$/);
  const director = await browser.newContext().then(async (context) => {
    await context.route('**/events*', (route) => route.abort());
    return context.newPage();
  });
  await loginAs(director, 'director@demo.test', /\/overview$/);
  await open(director, '/sessions');

  // The demo's December day published with an applicant of its own, so Dr. Rivera has a sheet.
  await call(coordinator, 'save-settings', { self_scheduling: 'true', interview_setup: 'external_video' });
  const sessions = await call(coordinator, 'list-sessions', {});
  const december = String(sessions.sessions.find((s: any) => s.name === 'December interview day').id);
  await inviteApplicant(coordinator, 'Una Upgrade', 'una.upgrade@demo.test');
  const una = await browser.newContext().then((c) => c.newPage());
  await applicantAccount(una, 'una.upgrade@demo.test', 'una upgrade password');
  await bookFirstChoice(una, december);
  await una.context().close();
  const day = await call(coordinator, 'session-day', { session_id: december });
  await call(coordinator, 'generate-day', { session_id: december, draft_version: String(day.draft_version) });
  const review = await call(coordinator, 'review-publish', { session_id: december });
  await call(coordinator, 'finalize-day', { session_id: december, draft_version: String(review.draft_version) });
  const rivera = await as(browser, 'interviewer1@demo.test', /\/overview$/);
  await open(rivera, '/scores');
  await rivera.getByRole('link', { name: 'Score Una Upgrade' }).click();
  const communication = rivera.getByRole('group', { name: 'Communication' });
  // Offline, the answer is kept on the device only; back online (no 'online' event yet) it is
  // still unsent when the upgrade comes.
  await rivera.context().setOffline(true);
  await communication.getByRole('radio', { name: '4', exact: true }).check();
  await expect(rivera.getByText(/Not sent yet/)).toBeVisible();
  await rivera.context().setOffline(false);

  const first = await build(coordinator);
  expect(first, 'the page carries its build').toBeTruthy();
  for (const page of [coordinator, director, rivera]) await page.evaluate(() => ((window as any).__before = true));

  const upgraded = anotherBuild();
  try {
    restart({ PORTAL_HASH_FILE: upgraded.hashFile });

    // The coordinator's stream comes back to a server of another build: the tab reloads.
    await expect.poll(() => before(coordinator), { timeout: 20_000 }).toBe(false);
    await expect(coordinator.locator('body[data-hydrated]')).toBeAttached({ timeout: 20_000 });
    expect(await build(coordinator)).toBe(upgraded.id);
    // And works: a link followed loads its data through server calls of the new build.
    await coordinator.getByRole('link', { name: 'Sessions', exact: true }).click();
    await expect(coordinator.getByRole('row').filter({ hasText: 'January interview day' })).toBeVisible();

    // The director's tab heard nothing; its next call is answered "updated" and it reloads.
    expect(await before(director)).toBe(true);
    await director.getByRole('link', { name: 'January interview day' }).first().click();
    await expect.poll(() => before(director), { timeout: 20_000 }).toBe(false);
    await expect(director.locator('body[data-hydrated]')).toBeAttached({ timeout: 20_000 });
    expect(await build(director)).toBe(upgraded.id);
    await director.getByRole('link', { name: 'Staff', exact: true }).click();
    await expect(director.getByRole('heading', { name: 'Staff', level: 1 })).toBeVisible();
    await coordinator.screenshot({ path: 'screenshots/upgraded-tab.png' });

    // Dr. Rivera's tab reloaded too (its stream came back); her answer is in the sheet again and
    // sent: with this device's copy gone, the server's draft still has it.
    await expect.poll(() => before(rivera), { timeout: 30_000 }).toBe(false);
    await expect(communication.getByRole('radio', { name: '4', exact: true })).toBeChecked({ timeout: 20_000 });
    await expect(rivera.getByText('Draft · saved as you go')).toBeVisible();
    await rivera.evaluate(() => localStorage.clear());
    await rivera.reload();
    await expect(communication.getByRole('radio', { name: '4', exact: true })).toBeChecked();
  } finally {
    // The suite goes on with the build it started with.
    restart();
  }
});
