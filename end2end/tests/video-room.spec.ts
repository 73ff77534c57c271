import type { Page } from '@playwright/test';
import { test, expect, as, bookedSession, call, finalizeTwoRooms, moveClock, oneRoomDraft, open, resetTestClockAround, roomOf } from './helpers';

// The portal's own video rooms (issue 31), in real browsers with Chromium's synthetic camera and
// microphone (playwright.config.ts). A day of one round in one room (Dr. Sam Rivera's), tomorrow in New York; the
// server's test clock set to five minutes before it. The interviewer waits in the room; the
// applicant, early, waits in the waiting room until the interviewer is ready, and is let in by
// the page itself; each sees and hears the other (read from the browsers' own statistics); a
// coordinator joins and is announced; another applicant and a logged-out visitor are refused.

resetTestClockAround();

/** The date `days` (1) from today in New York, and the milliseconds from now to 7:55 AM there
 * on it. */
function tomorrowMorning(days = 1): { date: string; until: number } {
  const ny = (d: Date) =>
    Object.fromEntries(
      new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
        .formatToParts(d)
        .map((p) => [p.type, p.value]),
    );
  const now = new Date();
  const tomorrow = ny(new Date(now.getTime() + days * 24 * 3600_000));
  const date = `${tomorrow.year}-${tomorrow.month}-${tomorrow.day}`;
  // 7:55 in New York is 11:55 or 12:55 UTC; find it by trying both.
  for (const utcHour of [11, 12]) {
    const at = new Date(`${date}T${String(utcHour).padStart(2, '0')}:55:00Z`);
    const there = ny(at);
    if (there.hour === '07' && there.minute === '55') return { date, until: at.getTime() - now.getTime() };
  }
  throw new Error(`no 7:55 in New York in ${days} days`);
}

/** What a page's call has received so far: video frames decoded and sound packets. */
async function received(page: Page): Promise<{ frames: number; packets: number }> {
  const stats = page.locator('#room-stats');
  return {
    frames: Number((await stats.getAttribute('data-frames')) ?? 0),
    packets: Number((await stats.getAttribute('data-audio-packets')) ?? 0),
  };
}

test('an interviewer and an applicant see and hear each other; the applicant waits until Ready; a coordinator is announced; others are refused', async ({ browser }) => {
  test.setTimeout(180_000);
  const coordinator = await as(browser, 'coordinator@demo.test', /\/overview$/);
  const { date, until } = tomorrowMorning();
  const sessionId = await bookedSession(browser, coordinator, 'Video day', date, [['Vic Video', 'vic.video@demo.test']]);
  // The program holds its interviews in the portal's own video rooms: chosen in Settings.
  await open(coordinator, '/settings');
  await coordinator.getByLabel('Interview setup').selectOption({ label: 'Video in the portal (each room gets its own video room)' });
  await coordinator.getByRole('button', { name: 'Save settings' }).click();
  await expect(coordinator.getByText('Settings saved.')).toBeVisible();
  await oneRoomDraft(coordinator, sessionId, 'Room Red', { rounds: 1, video: 'portal' });
  // The Day page links the room's video room.
  await open(coordinator, `/sessions/${sessionId}/day`);
  await expect(coordinator.getByRole('link', { name: 'Open the video room of Room Red' })).toHaveAttribute('href', /\/video\/[0-9a-f]{16}$/);
  const review = await call(coordinator, 'review-publish', { session_id: sessionId });
  await call(coordinator, 'finalize-day', { session_id: sessionId, draft_version: String(review.draft_version) });
  const room = roomOf(sessionId, 'Room Red');
  // Five minutes before the round, by the server's clock.
  for (let left = until; left > 0; left -= 86_400_000) {
    await moveClock(coordinator, { advance_ms: String(Math.min(left, 86_400_000)) });
  }

  // The interviewer is in the room at once, alone.
  const rivera = await as(browser, 'interviewer1@demo.test', /\/overview$/);
  await open(rivera, `/video/${room.token}`);
  await expect(rivera.getByRole('heading', { name: 'Room Red', level: 1 })).toBeVisible();
  await expect(rivera.getByText('You are in as interviewer. Nothing is recorded.')).toBeVisible();
  await expect(rivera.getByTestId('room-status')).toContainText('Nobody else is here yet.');

  // The applicant, on a phone, finds the room in their itinerary, with the setup check; early,
  // they wait in the waiting room until the interviewer is ready.
  const vicHome = await as(browser, 'vic.video@demo.test', /\/my-programs$/, { password: 'Vic Video password' });
  await vicHome.setViewportSize({ width: 390, height: 844 });
  await expect(vicHome.getByRole('link', { name: 'check your camera, microphone and connection' })).toHaveAttribute('href', '/video/check');
  const join = vicHome.getByRole('link', { name: 'Join the video room' });
  await expect(join).toHaveAttribute('href', new RegExp(`/video/${room.token}$`));
  await vicHome.screenshot({ path: 'screenshots/video-itinerary-phone.png', fullPage: true });
  const [vic] = await Promise.all([vicHome.context().waitForEvent('page'), join.click()]);
  await vic.setViewportSize({ width: 390, height: 844 });
  await expect(vic.getByRole('heading', { name: 'You are early' })).toBeVisible();
  await expect(vic.getByRole('timer')).toHaveText(/^[45]:\d\d$/);
  // The day's messages reach the waiting room as they are sent.
  await call(coordinator, 'broadcast', { session_id: sessionId, audience: 'everyone', body: 'Welcome! We start on time.' });
  await expect(vic.getByTestId('broadcasts')).toContainText('Welcome! We start on time.');
  await vic.screenshot({ path: 'screenshots/video-waiting-phone.png', fullPage: true });
  await call(rivera, 'set-room-status', { session_id: sessionId, room_id: room.id, round: '0', status: 'ready' });
  await expect(vic.getByTestId('room-status')).toContainText('1 other person is here.', { timeout: 20_000 });
  await expect(rivera.getByTestId('room-status')).toContainText('1 other person is here.');
  await expect(rivera.locator('.video-tile:not(.video-self):not([hidden])')).toContainText('Vic Video');
  await expect(vic.locator('.video-tile:not(.video-self):not([hidden])')).toContainText('Dr. Sam Rivera');

  // In the room too: the day's clock (not started yet) and its messages.
  await expect(vic.getByTestId('timetrack-next')).toHaveText('The day has not started yet.');
  await expect(vic.getByTestId('broadcasts')).toContainText('Welcome! We start on time.');

  // Each sees and hears the other.
  for (const page of [rivera, vic]) {
    await expect(page.getByTestId('room-status')).toHaveAttribute('data-connected', 'true', { timeout: 30_000 });
    await expect.poll(async () => (await received(page)).frames, { timeout: 30_000 }).toBeGreaterThan(0);
    await expect.poll(async () => (await received(page)).packets, { timeout: 30_000 }).toBeGreaterThan(0);
    const other = page.locator('.video-tile:not(.video-self):not([hidden]) video').first();
    await expect.poll(() => other.evaluate((v: HTMLVideoElement) => v.videoWidth)).toBeGreaterThan(0);
  }
  await vic.screenshot({ path: 'screenshots/video-room-phone.png', fullPage: true });

  // A coordinator joins: shown to everyone as "Coordinator".
  await open(coordinator, `/video/${room.token}`);
  await expect(coordinator.getByText('You are in as coordinator. Nothing is recorded.')).toBeVisible();
  await expect(rivera.getByTestId('room-announce')).toHaveText('Coordinator joined');
  await expect(vic.getByTestId('room-announce')).toHaveText('Coordinator joined');
  await expect(vic.getByTestId('room-status')).toContainText('2 others are here.');
  await expect(rivera.locator('.video-tile:not(.video-self):not([hidden])').filter({ hasText: 'Coordinator' })).toBeVisible();
  await rivera.screenshot({ path: 'screenshots/video-room-desktop.png', fullPage: true });

  // Mute and camera off say so on the buttons.
  await vic.getByRole('button', { name: 'Mute' }).click();
  await expect(vic.getByRole('button', { name: 'Unmute' })).toHaveAttribute('aria-pressed', 'true');
  await vic.getByRole('button', { name: 'Turn the camera off' }).click();
  await expect(vic.getByRole('button', { name: 'Turn the camera on' })).toBeVisible();

  // Another applicant of the program, and a visitor who is not logged in: refused, nothing said.
  const ana = await as(browser, 'ana.ruiz@demo.test', /\/my-programs$/);
  await open(ana, `/video/${room.token}`);
  await expect(ana.getByText('This video room is not on your day')).toBeVisible();
  await expect(ana.getByText('Room Red')).toHaveCount(0);
  const visitor = await browser.newContext().then((c) => c.newPage());
  await visitor.goto(`/video/${room.token}`);
  await expect(visitor).toHaveURL(/\/login/);

  // Vic leaves: the others see the tile go.
  await vic.getByRole('button', { name: 'Leave' }).click();
  await expect(vic.getByRole('heading', { name: 'You left the room' })).toBeVisible();
  await expect(rivera.getByTestId('room-announce')).toHaveText('Vic Video left');
  await expect(rivera.getByTestId('room-status')).toContainText('1 other person is here.');

  // And goes back in.
  await vic.getByRole('link', { name: 'Go back in' }).click();
  await expect(vic.getByTestId('room-status')).toContainText('2 others are here.', { timeout: 20_000 });
  await expect(rivera.getByTestId('room-announce')).toHaveText(/Vic Video joined/);
  await call(coordinator, 'save-settings', { self_scheduling: 'true', interview_setup: 'external_video' });
});

// Moved by the day clock: a day of two rounds in two rooms, the applicant in each once. The day
// clock started at 7:59; fifteen seconds before round 1 ends the applicant is told where they go
// next, and at its end the page takes them there: the waiting room of their second room, until a
// coordinator makes it Ready. The coordinator skips to round 2 and ends it early: the applicant's
// day is done, said in place of the room.
test('the day clock moves an applicant to their next room at the round\'s end, and home after the last', async ({ browser }) => {
  test.setTimeout(180_000);
  const coordinator = await as(browser, 'coordinator@demo.test', /\/overview$/);
  // The day after tomorrow: Dr. Rivera interviews in the first test's day tomorrow.
  const { date, until } = tomorrowMorning(2);
  const sessionId = await bookedSession(browser, coordinator, 'Moving day', date, [['Mo Mover', 'mo.mover@demo.test']]);
  await call(coordinator, 'save-settings', { self_scheduling: 'true', interview_setup: 'portal_video' });
  await finalizeTwoRooms(coordinator, sessionId, 2, { video: 'portal' });
  // 7:59 by the server's clock, and the day clock started.
  for (let left = until + 4 * 60_000; left > 0; left -= 86_400_000) {
    await moveClock(coordinator, { advance_ms: String(Math.min(left, 86_400_000)) });
  }
  await call(coordinator, 'clock-action', { session_id: sessionId, action: 'start' });

  // The applicant's rooms, in the order of their day (the itinerary's).
  const mo = await as(browser, 'mo.mover@demo.test', /\/my-programs$/, { password: 'Mo Mover password' });
  await mo.setViewportSize({ width: 390, height: 844 });
  const titles = (await mo.locator('.stop-title').allTextContents()).map((t) => t.split(' · ')[1]);
  expect(titles).toHaveLength(2);
  const [first, second] = titles;
  const links = mo.getByRole('link', { name: 'Join the video room' });
  const [firstHref, secondHref] = [await links.nth(0).getAttribute('href'), await links.nth(1).getAttribute('href')];
  await mo.goto(firstHref!);
  await expect(mo.getByRole('heading', { name: first, level: 1 })).toBeVisible();
  await expect(mo.getByText('You are in as applicant. Nothing is recorded.')).toBeVisible();
  // The round's countdown, as TimeTrack shows it.
  await expect(mo.getByRole('timer')).toHaveText(/^\d+:\d\d$/);

  // Fifteen seconds before the round's end (the server's clock moved on; the page, loaded anew,
  // knows the server's time again).
  const door = await call(mo, 'video-room', { token: firstHref!.split('/video/')[1] });
  const now = await call(mo, 'clock-now', {});
  const endsAt = Date.parse(door.Enter.leaving.at);
  await moveClock(coordinator, { advance_ms: String(endsAt - now - 15_000) });
  await mo.reload();
  // A coordinator looking in sees TimeTrack's knock (under two minutes); the applicant does not.
  await coordinator.goto(firstHref!);
  await expect(coordinator.getByTestId('knock')).toContainText('under 2 minutes left in Round 1');
  await expect(mo.getByTestId('knock')).toHaveCount(0);
  await coordinator.goto('/');
  const moving = mo.getByTestId('moving');
  await expect(moving).toContainText(`moving you to ${second} in`, { timeout: 15_000 });
  await expect(mo.getByRole('link', { name: `Go to ${second} now` })).toHaveAttribute('href', secondHref!);
  await mo.screenshot({ path: 'screenshots/video-moving-phone.png', fullPage: true });
  // At the round's end the page goes there by itself: the passing time, so the waiting room.
  await expect(mo).toHaveURL(secondHref!, { timeout: 20_000 });
  await expect(mo.getByRole('heading', { name: second, level: 1 })).toBeVisible();
  await expect(mo.getByRole('heading', { name: 'You are early' })).toBeVisible();
  // Its room made Ready: in.
  const room = roomOf(sessionId, second);
  await call(coordinator, 'set-room-status', { session_id: sessionId, room_id: room.id, round: '1', status: 'ready' });
  await expect(mo.getByText('You are in as applicant. Nothing is recorded.')).toBeVisible({ timeout: 20_000 });

  // The coordinator runs the day on: round 2 now, then ended early. The applicant's day is done.
  await call(coordinator, 'clock-action', { session_id: sessionId, action: 'skip' });
  await call(coordinator, 'clock-action', { session_id: sessionId, action: 'end_early' });
  await expect(mo.getByRole('heading', { name: 'Your day is done' })).toBeVisible({ timeout: 20_000 });
  await expect(mo.locator('#self-view')).toHaveCount(0);
  await mo.screenshot({ path: 'screenshots/video-day-done-phone.png', fullPage: true });
  await call(coordinator, 'save-settings', { self_scheduling: 'true', interview_setup: 'external_video' });
});
