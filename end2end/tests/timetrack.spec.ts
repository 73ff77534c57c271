import type { Page } from '@playwright/test';
import { test, expect, as, moveClock, resetTestClockAround, secondsLeft, applicantAccount, bookFirstChoice, call, finalizeTwoRooms, inviteApplicant, open, visibleSession } from './helpers';

// TimeTrack on the day, in four browsers: a coordinator's overview, two interviewers' rooms, an
// applicant's day on a phone. A room goes Ready (the applicant's join link appears) and In
// progress, seen by all; a broadcast reaches every screen; the interviewer's knock near the
// end; the room overruns, is flagged, and the coordinator completes it with one click.

resetTestClockAround();

test('TimeTrack: statuses seen by all, the join link at Ready, a broadcast on every screen, a flagged room completed', async ({ browser }) => {
  test.setTimeout(150_000);
  const coordinator = await as(browser, 'coordinator@demo.test', /\/overview$/);
  await call(coordinator, 'save-settings', { self_scheduling: 'true', interview_setup: 'external_video' });
  const sessionId = await visibleSession(coordinator, 'TimeTrack session', '2027-04-06', 2);
  await inviteApplicant(coordinator, 'Tia Track', 'tia.track@demo.test');
  const tia = await browser.newContext({ viewport: { width: 390, height: 844 } }).then((c) => c.newPage());
  await applicantAccount(tia, 'tia.track@demo.test', 'Tia Track password');
  await bookFirstChoice(tia, sessionId);

  // Two rooms, two rounds; Tia meets Dr. Rivera in one round and Dr. Patel (the director, who
  // also interviews) in the other. (Dr. Chen's account is locked by the accounts spec.)
  await finalizeTwoRooms(coordinator, sessionId, 2);

  // The coordinator opens TimeTrack from the Day page and starts the day.
  await open(coordinator, `/sessions/${sessionId}/day`);
  await coordinator.getByRole('link', { name: 'TimeTrack overview' }).click();
  await expect(coordinator.getByRole('heading', { name: 'TimeTrack session', level: 1 })).toBeVisible();
  await call(coordinator, 'clock-action', { session_id: sessionId, action: 'start' });
  await expect(coordinator.getByRole('timer')).toHaveText(/^(20:00|19:5\d)$/);

  // The interviewers open TimeTrack from the menu; Tia opens her day from My Programs.
  const rivera = await as(browser, 'interviewer1@demo.test', /\/overview$/);
  const patel = await as(browser, 'director@demo.test', /\/overview$/);
  for (const page of [rivera, patel]) {
    await page.getByRole('link', { name: 'TimeTrack' }).click();
    await expect(page.getByRole('heading', { name: 'TimeTrack', level: 1 })).toBeVisible();
  }
  await open(tia, '/my-programs');
  await tia.getByRole('link', { name: 'Open your interview day screen' }).click();
  await expect(tia.getByRole('heading', { name: 'Your interview day', level: 1 })).toBeVisible();
  const tiaNow = tia.getByTestId('now');
  await expect(tiaNow.getByTestId('room-status')).toHaveText('Waiting for your interviewer');
  // Her day's list speaks from her side too, not in the interviewers' statuses.
  await expect(tia.locator('.day-list')).toContainText('Waiting for your interviewer');
  await expect(tia.locator('.day-list')).not.toContainText('Not ready');
  await expect(tiaNow.getByRole('link', { name: 'Join your interview' })).toHaveCount(0);

  // Whose room is Tia in now?
  const dayOf = (page: Page) => page.locator('section.timetrack-day', { hasText: 'TimeTrack session' });
  const riveraFirst = (await dayOf(rivera).getByTestId('now').textContent())!.includes('Tia Track');
  const [first, second] = riveraFirst ? [rivera, patel] : [patel, rivera];
  const firstRoom = riveraFirst ? 'Room Red' : 'Room Blue';
  const firstNow = dayOf(first).getByTestId('now');
  await expect(firstNow).toContainText('Tia Track');
  await expect(dayOf(second).getByTestId('now')).toContainText('No interview this round');
  await expect(dayOf(second).getByTestId('next')).toContainText('Tia Track');

  // Ready: the interviewer's badge, the coordinator's card, Tia's join link.
  await firstNow.getByRole('button', { name: "I'm ready" }).click();
  await expect(firstNow.locator('.badge', { hasText: 'Ready' })).toBeVisible();
  const card = coordinator.getByRole('article', { name: new RegExp(`^${firstRoom} · Round 1`) });
  await expect(card.locator('.badge').first()).toHaveText('Ready');
  await expect(tiaNow.getByTestId('room-status')).toHaveText('Your interviewer is ready: join now');
  await expect(tiaNow.getByRole('link', { name: 'Join your interview' })).toHaveAttribute('href', /video\.example\.test/);
  await expect(tia.getByRole('timer')).toHaveText(/^\d+:\d\d$/);
  await tia.screenshot({ path: 'screenshots/timetrack-applicant-phone.png', fullPage: true });

  // In progress, seen by the coordinator and Tia (the link stays while it runs).
  await firstNow.getByRole('button', { name: 'Start the interview' }).click();
  await expect(card.locator('.badge').first()).toHaveText('In progress');
  await expect(tiaNow.getByTestId('room-status')).toHaveText('Your interview is on');
  await expect(tiaNow.getByRole('link', { name: 'Join your interview' })).toBeVisible();
  // Present vs expected: Tia and her interviewer have their screens open.
  await expect(card).toContainText('Present 2 of 2');

  // "+1 min" while the day runs: the open screens' times follow at once, as a freshly opened
  // screen shows them, each time with its zone named.
  const firstList = dayOf(first).locator('.day-list');
  const tiaList = tia.locator('.day-list');
  await expect(firstList).toContainText(/\d:\d\d [AP]M–\d+:\d\d [AP]M [A-Z]{3,4}\b/);
  const [firstBefore, tiaBefore] = [await firstList.textContent(), await tiaList.textContent()];
  await call(coordinator, 'clock-action', { session_id: sessionId, action: 'extend', minutes: '1' });
  await expect(firstList).not.toHaveText(firstBefore!);
  await expect(tiaList).not.toHaveText(tiaBefore!);
  const fresh = await first.context().newPage();
  await open(fresh, '/timetrack');
  await expect(dayOf(fresh).locator('.day-list')).toHaveText((await firstList.textContent())!);
  await fresh.close();
  const freshTia = await tia.context().newPage();
  await open(freshTia, '/interview-day');
  await expect(freshTia.locator('.day-list')).toHaveText((await tiaList.textContent())!);
  await freshTia.close();

  // No-show is a button that asks first: the question takes the focus, Cancel gives it back and
  // marks nothing.
  const noShow = firstNow.getByRole('button', { name: 'Mark Tia Track as No-show' });
  await noShow.click();
  const confirm = firstNow.getByRole('group', { name: 'Confirm No-show' });
  await expect(confirm).toContainText('Mark Tia Track as No-show?');
  await expect(confirm.getByRole('button', { name: 'Yes, mark No-show' })).toBeFocused();
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  await expect(noShow).toBeFocused();
  await expect(firstNow.locator('.badge', { hasText: 'No-show' })).toHaveCount(0);

  // On a phone the interviewer's room card holds its buttons (none sticks out).
  await first.setViewportSize({ width: 390, height: 844 });
  const roomCard = firstNow.getByRole('article');
  const inside = async (button: string) => {
    const [c, b] = [await roomCard.boundingBox(), await roomCard.getByRole(button === 'Score Tia Track' ? 'link' : 'button', { name: button }).boundingBox()];
    expect(b!.x).toBeGreaterThanOrEqual(c!.x);
    expect(b!.x + b!.width).toBeLessThanOrEqual(c!.x + c!.width + 0.5);
  };
  for (const button of ['Score Tia Track', 'Mark Tia Track as No-show']) await inside(button);
  expect(await first.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await first.screenshot({ path: 'screenshots/timetrack-interviewer-phone.png', fullPage: true });
  await first.setViewportSize({ width: 1280, height: 720 });

  // A broadcast to everyone arrives on all four screens at once.
  await coordinator.getByLabel('To', { exact: true }).selectOption('everyone');
  await coordinator.getByLabel('Message', { exact: true }).fill('Lunch is in the atrium at noon.');
  await coordinator.getByRole('button', { name: 'Send to their screens' }).click();
  for (const list of [
    coordinator.getByTestId('broadcasts'),
    dayOf(rivera).getByTestId('broadcasts'),
    dayOf(patel).getByTestId('broadcasts'),
    tia.getByTestId('broadcasts'),
  ]) {
    await expect(list).toContainText('Lunch is in the atrium at noon.');
  }
  // One to the interviewers only does not reach Tia.
  await coordinator.getByLabel('To', { exact: true }).selectOption('interviewers');
  await coordinator.getByLabel('Message', { exact: true }).fill('Scores are due by 5 PM.');
  await coordinator.getByRole('button', { name: 'Send to their screens' }).click();
  await expect(dayOf(rivera).getByTestId('broadcasts')).toContainText('Scores are due by 5 PM.');
  await expect(dayOf(patel).getByTestId('broadcasts')).toContainText('Scores are due by 5 PM.');
  await expect(tia.getByTestId('broadcasts')).not.toContainText('Scores are due');

  // A minute before the round ends, the interviewer's screen knocks.
  const left = await secondsLeft(coordinator);
  await moveClock(coordinator, { advance_ms: String((left - 60) * 1000) });
  await open(first, '/timetrack');
  await expect(dayOf(first).getByTestId('knock')).toContainText('under 2 minutes left in Round 1');
  await first.screenshot({ path: 'screenshots/timetrack-interviewer.png', fullPage: true });

  // Two minutes later the round is over and the room still In progress: flagged; the
  // coordinator completes it with one click, and Tia's link goes.
  await moveClock(coordinator, { advance_ms: String(120_000) });
  await open(coordinator, `/sessions/${sessionId}/timetrack`);
  const flags = coordinator.getByTestId('flags');
  await expect(flags).toContainText(/Overrunning by \d+ min/, { timeout: 15_000 });
  await expect(coordinator.getByRole('timer')).toHaveText(/^\d+:\d\d$/);
  await coordinator.screenshot({ path: 'screenshots/timetrack-overview.png', fullPage: true });
  await flags.getByRole('button', { name: 'Set Completed' }).click();
  await expect(flags).toContainText('Nothing needs you right now.');
  await expect(card.locator('.badge').first()).toHaveText('Completed');
  await expect(tia.getByRole('link', { name: 'Join your interview' })).toHaveCount(0);
  await expect(tia.locator('.day-list')).toContainText('Done');

  // Find Tia: where she is now and next.
  await coordinator.getByLabel('Find an applicant').fill('tia');
  await expect(coordinator.getByTestId('found')).toContainText('Tia Track: now');

  // The overview on a tablet, Tia's day on her phone.
  await coordinator.setViewportSize({ width: 820, height: 1180 });
  await coordinator.screenshot({ path: 'screenshots/timetrack-overview-tablet.png', fullPage: true });
  expect(await coordinator.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(820);
  await tia.screenshot({ path: 'screenshots/timetrack-applicant-phone-done.png', fullPage: true });
  expect(await tia.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  for (const page of [coordinator, rivera, patel, tia]) await page.context().close();
});
