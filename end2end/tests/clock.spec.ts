import { execFileSync } from 'node:child_process';
import type { Browser, Page } from '@playwright/test';
import { test, expect, as, moveClock, resetTestClockAround, secondsLeft, loginAs, applicantAccount, bookFirstChoice, oneRoomDraft, call, inviteApplicant, open, visibleSession } from './helpers';

// The day clock: a coordinator starts a finalized day; a second coordinator's page counts down
// with it; pause and extend are seen by both; after a server restart, a page catches up with a
// change it missed; the two-minute cue; four pages whose clocks are set wrong by seconds show
// the same time left; the applicant's itinerary follows the running day; a page under
// Playwright's own clock runs a minute ahead in step with the server's test clock.

/** A coordinator's page of the day, in a browser whose clock is `skewMs` off. */
async function dayPage(browser: Browser, email: string, sessionId: string, skewMs = 0): Promise<Page> {
  const page = await as(browser, email, /\/overview$/);
  if (skewMs) {
    await page.addInitScript((shift: number) => {
      const Real = Date;
      class Shifted extends Real {
        constructor(...args: any[]) {
          if (args.length === 0) super(Real.now() + shift);
          else super(...(args as [any]));
        }
        static now() {
          return Real.now() + shift;
        }
      }
      (globalThis as any).Date = Shifted;
    }, skewMs);
  }
  await open(page, `/sessions/${sessionId}/day`);
  return page;
}

resetTestClockAround();

test('the day clock: start, pause and extend seen by two coordinators, a reconnect, the two-minute cue, skewed clocks in step', async ({ browser }) => {
  test.setTimeout(120_000);
  const coordinator = await as(browser, 'coordinator@demo.test', /\/overview$/);
  await call(coordinator, 'save-settings', { self_scheduling: 'true', interview_setup: 'external_video' });
  const sessionId = await visibleSession(coordinator, 'Clock session', '2027-03-23', 2);
  await inviteApplicant(coordinator, 'Tess Clock', 'tess.clock@demo.test');
  const tess = await browser.newContext().then((c) => c.newPage());
  await applicantAccount(tess, 'tess.clock@demo.test', 'Tess Clock password');
  await bookFirstChoice(tess, sessionId);
  await oneRoomDraft(coordinator, sessionId, 'Room Clock');
  const review = await call(coordinator, 'review-publish', { session_id: sessionId });
  await call(coordinator, 'finalize-day', { session_id: sessionId, draft_version: String(review.draft_version) });

  // Two coordinators have the Day page open; one starts the day.
  await open(coordinator, `/sessions/${sessionId}/day`);
  const director = await dayPage(browser, 'director@demo.test', sessionId);
  const card = (page: Page) => page.locator('section', { has: page.getByRole('heading', { name: 'Day clock' }) });
  await expect(card(coordinator).getByTestId('clock-status')).toContainText('Not started');
  await expect(card(coordinator).getByTestId('clock-status')).toContainText('Next: Round 1');
  await card(coordinator).getByRole('button', { name: 'Start the day' }).click();
  // Tess has her itinerary open on her phone.
  await tess.setViewportSize({ width: 390, height: 844 });
  await open(tess, '/my-programs');
  await expect(tess.locator('.stop').first()).toBeVisible();
  await expect(tess.getByText('Planned', { exact: false })).toHaveCount(0);
  for (const page of [coordinator, director]) {
    await expect(card(page).getByTestId('countdown')).toContainText('Round 1');
    await expect(card(page).getByRole('timer')).toHaveText(/^(20:00|19:5\d)$/);
    await expect(card(page).getByTestId('clock-status')).toContainText('Next: Passing time');
  }

  // Paused: both pages stop; extended by 5 minutes while paused: both show it; resumed.
  await card(coordinator).getByRole('button', { name: 'Pause' }).click();
  for (const page of [coordinator, director]) {
    await expect(card(page).getByTestId('countdown')).toContainText('Paused');
  }
  const paused = await secondsLeft(director);
  await card(coordinator).getByRole('button', { name: '+5 min' }).click();
  await expect.poll(() => secondsLeft(director)).toBe(paused + 300);
  // Her itinerary moves with the day, the published times beside the new ones.
  await expect(tess.locator('.itinerary-moved')).toHaveText('The day is running 5 min behind: times follow it.');
  await expect(tess.locator('.stop-planned').first()).toContainText(/^Planned \d/);
  await tess.screenshot({ path: 'screenshots/itinerary-running-late-phone.png', fullPage: true });
  await card(coordinator).getByRole('button', { name: 'Resume' }).click();
  await expect(card(director).getByTestId('countdown')).toContainText('Time left');
  await expect(card(director).getByTestId('clock-status')).toContainText('Running');
  await coordinator.screenshot({ path: 'screenshots/day-clock.png', fullPage: true });

  // A reconnect: the server restarts, the day is extended at once (the director's page may
  // miss the push while it reconnects); the page shows the true state by itself.
  const restart = process.env.PORTAL_RESTART;
  if (!restart) throw new Error('PORTAL_RESTART is not set: run the suite through `make test`');
  const before = await secondsLeft(director);
  execFileSync(restart);
  await call(coordinator, 'clock-action', { session_id: sessionId, action: 'extend', minutes: '10' });
  await expect.poll(() => secondsLeft(director), { timeout: 20_000 }).toBeGreaterThan(before + 500);
  await expect.poll(() => secondsLeft(coordinator), { timeout: 20_000 }).toBeGreaterThan(before + 500);
  await expect(tess.locator('.itinerary-moved')).toHaveText('The day is running 15 min behind: times follow it.', {
    timeout: 20_000,
  });

  // The two-minute cue: the server's clock moves on to 2 min 4 s before the round's end; a
  // freshly opened page crosses two minutes a few seconds later.
  const left = await secondsLeft(coordinator);
  await moveClock(coordinator, { advance_ms: String((left - 124) * 1000) });
  await open(coordinator, `/sessions/${sessionId}/day`);
  await expect(card(coordinator).getByRole('timer')).toHaveText(/^2:0\d$/);
  await expect(card(coordinator).getByTestId('countdown')).toHaveClass(/countdown-warn/, { timeout: 15_000 });
  await expect(card(coordinator).getByTestId('countdown')).toContainText('Under 2 minutes');
  await expect(coordinator.getByTestId('countdown-cue')).toHaveText('2 minutes left in Round 1.');
  await coordinator.screenshot({ path: 'screenshots/day-clock-warn.png', fullPage: true });
  await coordinator.setViewportSize({ width: 390, height: 844 });
  await card(coordinator).scrollIntoViewIfNeeded();
  await coordinator.screenshot({ path: 'screenshots/day-clock-phone.png' });
  expect(await coordinator.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  // Four pages whose clocks are off by −5 s, 0, +3 s and +5 s show the same time left.
  const skewed = await Promise.all(
    [-5000, 0, 3000, 5000].map((skew) => dayPage(browser, 'coordinator@demo.test', sessionId, skew)),
  );
  for (const page of skewed) await expect(card(page).getByRole('timer')).toHaveText(/^\d+:\d\d$/);
  const readings = await Promise.all(skewed.map(secondsLeft));
  expect(Math.max(...readings) - Math.min(...readings), `time left: ${readings}`).toBeLessThanOrEqual(1);

  // Playwright's own clock (fake Date, timers and performance) on a page: it runs a minute
  // ahead while the server's test clock moves the same minute, so the periodic re-sync, which
  // fires during the run, agrees with the countdown instead of snapping it back.
  await call(coordinator, 'clock-action', { session_id: sessionId, action: 'extend', minutes: '5' });
  const faked = await browser.newContext();
  await faked.clock.install();
  const fakedPage = await faked.newPage();
  await loginAs(fakedPage, 'coordinator@demo.test', /\/overview$/);
  await open(fakedPage, `/sessions/${sessionId}/day`);
  await expect(card(fakedPage).getByRole('timer')).toHaveText(/^\d+:\d\d$/);
  const start = await secondsLeft(fakedPage);
  // The server's time also runs for real meanwhile (more on a loaded machine): counted, so the
  // bounds below say what the sync must do, not how fast the machine is.
  const realStart = Date.now();
  await moveClock(fakedPage, { advance_ms: '60000' });
  await fakedPage.clock.runFor(60_000);
  await expect.poll(() => secondsLeft(fakedPage)).toBeLessThanOrEqual(start - 59);
  await fakedPage.waitForTimeout(2_000);
  const after = await secondsLeft(fakedPage);
  const realSeconds = Math.ceil((Date.now() - realStart) / 1000);
  expect(after, `${start} → ${after} in ${realSeconds} s`).toBeGreaterThanOrEqual(start - 60 - realSeconds - 1);
  expect(after, `${start} → ${after}`).toBeLessThanOrEqual(start - 59);
  await expect(card(fakedPage).getByRole('timer')).toHaveText(new RegExp(`^${Math.floor(after / 60)}:`));

  for (const page of [coordinator, director, tess, fakedPage, ...skewed]) await page.context().close();
});
