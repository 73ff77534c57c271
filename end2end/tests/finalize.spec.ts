import { readFileSync } from 'node:fs';
import { test, expect, bookFirstChoice, visibleSession, applicantAccount, as, call, inviteApplicant, open } from './helpers';

// A coordinator finalizes a day: the review names who is affected and how, the publish reaches
// the applicants' open pages live (an itinerary appears, at phone width), an interviewer reads
// their day; a change after finalizing is published to the moved applicant only; an old version
// is viewed as a day sheet.
test('finalize: review, publish, itineraries for an applicant and an interviewer, a change told only to the one it moves', async ({ browser }) => {
  const coordinator = await as(browser, 'coordinator@demo.test', /\/overview$/);
  await call(coordinator, 'save-settings', { self_scheduling: 'true', interview_setup: 'external_video' });
  const sessionId = await visibleSession(coordinator, 'Finalize session', '2027-02-16', 4);

  // Two applicants book it; each keeps My Programs open on a phone.
  const applicants: Record<string, any> = {};
  for (const name of ['Lena Final', 'Milo Final']) {
    const email = `${name.toLowerCase().replace(' ', '.')}@demo.test`;
    await inviteApplicant(coordinator, name, email);
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, timezoneId: 'America/Los_Angeles' });
    const page = await context.newPage();
    await applicantAccount(page, email, `${name} password`);
    await bookFirstChoice(page, sessionId);
    await open(page, '/my-programs');
    await expect(page.getByText('Your interview session')).toBeVisible();
    applicants[name] = page;
  }
  const lena = applicants['Lena Final'];
  const milo = applicants['Milo Final'];
  await expect(lena.getByText('Your interview day')).toHaveCount(0);

  // The day: three rounds, a coffee break, two rooms with their video links; generated.
  await call(coordinator, 'save-day-plan', {
    session_id: sessionId,
    'plan[start]': '08:00',
    'plan[interview_minutes]': '20',
    'plan[passing_minutes]': '5',
    'plan[rounds]': '3',
    'plan[interviews_per_applicant]': '2',
  });
  await call(coordinator, 'add-break', { session_id: sessionId, after_round: '1', minutes: '10', label: 'Coffee' });
  let day = await call(coordinator, 'session-day', { session_id: sessionId });
  const staff = (name: string) => String(day.staff.find((p: any) => p.name === name).id);
  await call(coordinator, 'save-room', {
    session_id: sessionId,
    'room[name]': 'Room East',
    'room[location]': 'https://video.example.test/east',
    'room[interviewers][0]': staff('Dr. Sam Rivera'),
  });
  await call(coordinator, 'save-room', {
    session_id: sessionId,
    'room[name]': 'Room West',
    'room[location]': 'https://video.example.test/west',
    'room[interviewers][0]': staff('Dr. Alex Chen'),
  });
  day = await call(coordinator, 'session-day', { session_id: sessionId });
  await call(coordinator, 'generate-day', { session_id: sessionId, draft_version: String(day.draft_version) });

  // The review, before anything is sent: everyone's day is new.
  await open(coordinator, `/sessions/${sessionId}/day`);
  const card = coordinator.locator('section', { has: coordinator.getByRole('heading', { name: 'Finalize' }) });
  await expect(card.getByTestId('finalize-status')).toContainText('Not finalized');
  const changes = card.getByTestId('publish-changes');
  await expect(changes).toContainText('Lena Final');
  await expect(changes).toContainText('Milo Final');
  await expect(changes).toContainText('Dr. Sam Rivera');
  await expect(changes).toContainText('Your day is published: 2 rounds');
  await card.scrollIntoViewIfNeeded();
  await coordinator.screenshot({ path: 'screenshots/finalize-review.png', fullPage: true });
  await card.getByRole('button', { name: 'Publish version 1' }).click();
  await expect(card.getByText('Version 1 is published.')).toBeVisible();
  await expect(card.getByTestId('finalize-status')).toContainText('Finalized: version 1 is out');
  // When it was published, in the session's zone (New York), named.
  await expect(card).toContainText(/Version 1 · [^·]+ · [A-Z][a-z]{2} \d+, \d+:\d\d [AP]M E[SD]T/);

  // Lena's open page hears it: a notice, and her itinerary appears without a reload.
  await expect(lena.getByTestId('live-notices')).toContainText('Finalize session');
  await expect(lena.getByRole('heading', { name: 'Your interview day' })).toBeVisible();
  const stops = lena.locator('.stop:not(.stop-break)');
  await expect(stops).toHaveCount(2);
  await expect(stops.first()).toContainText(/Room (East|West)/);
  await expect(stops.first()).toContainText(/With Dr\. (Sam Rivera|Alex Chen)/);
  await expect(stops.first().getByRole('link', { name: 'Join the video room' })).toHaveAttribute('href', /video\.example\.test/);
  await expect(lena.locator('.stop-break')).toContainText('Coffee');
  // Her own zone (Los Angeles) beside the session's.
  await expect(stops.first()).toContainText('Your time (America/Los_Angeles)');
  const width = await lena.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
  await lena.screenshot({ path: 'screenshots/itinerary-applicant-phone.png', fullPage: true });

  // An interviewer's day: every round of their room, with the applicant or none.
  const rivera = await as(browser, 'interviewer1@demo.test', /\/overview$/);
  await rivera.getByRole('link', { name: 'My day' }).click();
  await expect(rivera.getByRole('heading', { name: 'My interview days' })).toBeVisible();
  const mine = rivera.locator('section.card', { hasText: 'Finalize session' });
  await expect(mine.locator('.stop:not(.stop-break)')).toHaveCount(3);
  await expect(mine).toContainText('Room East');
  await expect(mine).toContainText(/Applicant: (Lena|Milo) Final/);
  await rivera.screenshot({ path: 'screenshots/itinerary-interviewer.png', fullPage: true });
  // Its printable version, written on the server.
  const printable = await rivera.request.get('/print/my-day');
  expect(printable.status()).toBe(200);
  expect(await printable.text()).toContain('Finalize session');

  // A change after finalizing: one of Milo's interviews moves to a free round of its room.
  day = await call(coordinator, 'session-day', { session_id: sessionId });
  const miloId = day.applicants.find((a: any) => a.name === 'Milo Final').id;
  const cells: any[] = day.cells;
  const at = (round: number, room: number) => cells.find((c) => c.cell.round === round && c.cell.room === room);
  const busy = (round: number) => cells.some((c) => c.cell.round === round && c.applicant === miloId);
  let move: { from: any; to: { round: number; room: number; version: number } } | undefined;
  for (const c of cells.filter((c) => c.applicant === miloId)) {
    for (let round = 0; round < day.plan.rounds && !move; round++) {
      const there = at(round, c.cell.room);
      if (!there?.applicant && !busy(round)) {
        move = { from: c, to: { round, room: c.cell.room, version: there ? there.version : 0 } };
      }
    }
    if (move) break;
  }
  expect(move, 'a free round for one of Milo\'s interviews').toBeTruthy();
  await call(coordinator, 'edit-draft', {
    session_id: sessionId,
    'edit[cells][0][round]': String(move!.from.cell.round),
    'edit[cells][0][room]': String(move!.from.cell.room),
    'edit[cells][0][version]': String(move!.from.version),
    'edit[cells][1][round]': String(move!.to.round),
    'edit[cells][1][room]': String(move!.to.room),
    'edit[cells][1][version]': String(move!.to.version),
    'edit[cells][1][applicant]': String(miloId),
  });
  // The applicants still see version 1 (the draft never reaches them).
  await card.getByRole('button', { name: 'Review again' }).click();
  await expect(changes).toContainText('Milo Final');
  await expect(changes).not.toContainText('Lena Final');
  await expect(changes).toContainText(`Round ${move!.to.round + 1} added`);
  await card.getByRole('button', { name: 'Publish version 2' }).click();
  await expect(card.getByTestId('finalize-status')).toContainText('version 2 is out');
  // Milo hears it; Lena hears nothing new.
  await expect(milo.getByTestId('live-notices')).toContainText(`Round ${move!.to.round + 1} added`);
  await expect(milo.locator('.itinerary-when')).toContainText('version 2');
  await expect(lena.locator('.live-notice')).toHaveCount(1);
  await expect(lena.locator('.itinerary-when')).toContainText('version 1');

  // Every version is kept: version 1 as a printable day sheet (the grid, each room, each
  // applicant), opened from the card's list.
  await coordinator.screenshot({ path: 'screenshots/finalize-versions.png', fullPage: true });
  const [sheet] = await Promise.all([
    coordinator.context().waitForEvent('page'),
    card.getByRole('link', { name: 'Day sheet of version 1 (printable)' }).click(),
  ]);
  await sheet.waitForLoadState();
  await expect(sheet.getByRole('heading', { name: 'Finalize session — version 1' })).toBeVisible();
  await expect(sheet.getByRole('columnheader', { name: 'Room East' }).first()).toBeVisible();
  await expect(sheet.getByRole('heading', { name: 'Room East · Dr. Sam Rivera' })).toBeVisible();
  await expect(sheet.getByRole('heading', { name: 'Milo Final' })).toBeVisible();
  await sheet.screenshot({ path: 'screenshots/print-day-sheet.png', fullPage: true });
  await sheet.close();

  // Lena's calendar: the one-off download, parsed back (unfolded lines, one VEVENT per
  // interview, times in UTC), and a private subscription link that serves the same feed.
  const [download] = await Promise.all([
    lena.waitForEvent('download'),
    lena.getByRole('link', { name: 'Download .ics' }).click(),
  ]);
  const ics = readFileSync(await download.path(), 'utf8');
  const events = parseIcs(ics);
  expect(events.filter((e) => e.STATUS === 'CONFIRMED')).toHaveLength(2);
  for (const e of events) {
    expect(e.DTSTART).toMatch(/^20270216T\d{6}Z$/);
    expect(e.UID).toMatch(/-round\d+@interview-portal$/);
    expect(e.SUMMARY).toContain('Finalize session');
  }
  // No link yet: nothing to turn off.
  const calendarCard = lena.getByRole('region', { name: 'Your calendar' });
  await expect(calendarCard.getByRole('button', { name: 'Make a subscription link' })).toBeVisible();
  await expect(calendarCard.getByRole('button', { name: 'Turn the link off' })).toHaveCount(0);
  await lena.getByRole('button', { name: 'Make a subscription link' }).click();
  const url = await lena.getByLabel(/Your subscription link/).inputValue();
  // On a later visit the link is not shown again, but it is said to be on and can be turned off.
  await lena.reload();
  await expect(calendarCard).toContainText('Your calendar link is on.');
  await expect(calendarCard.getByRole('button', { name: 'Make a new link' })).toBeVisible();
  expect(url).toMatch(/\/calendar\/[0-9a-f]{64}$/);
  const feed = await lena.request.get(new URL(url).pathname);
  expect(feed.status()).toBe(200);
  expect(parseIcs(await feed.text()).map((e) => e.UID).sort()).toEqual(events.map((e) => e.UID).sort());
  await lena.getByRole('button', { name: 'Turn the link off' }).click();
  await expect(lena.getByText('Your calendar link is off')).toBeVisible();
  await expect(calendarCard.getByRole('button', { name: 'Turn the link off' })).toHaveCount(0);
  expect((await lena.request.get(new URL(url).pathname)).status()).toBe(404);

  for (const page of [lena, milo, rivera, coordinator]) await page.context().close();
});

/** The VEVENTs of an iCalendar text, each as its properties (lines unfolded, parameters dropped). */
function parseIcs(text: string): Record<string, string>[] {
  const lines = text.replace(/\r\n[ \t]/g, '').split(/\r?\n/);
  const events: Record<string, string>[] = [];
  let current: Record<string, string> | null = null;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = {};
    else if (line === 'END:VEVENT' && current) {
      events.push(current);
      current = null;
    } else if (current) {
      const colon = line.indexOf(':');
      if (colon > 0) current[line.slice(0, colon).split(';')[0]] = line.slice(colon + 1);
    }
  }
  return events;
}
