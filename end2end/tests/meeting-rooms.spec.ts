import { test, expect, bookFirstChoice, oneRoomDraft, visibleSession, applicantAccount, as, call, inviteApplicant, open } from './helpers';

// A coordinator adds meeting rooms on their page (a mistake is said beside its field, a room is
// removed), publishes a day, and the welcome room appears in an applicant's itinerary (on a phone)
// and an interviewer's day at its time, with its link.
test('meeting rooms: added on their page, in the itineraries of their audience after the publish', async ({ browser }) => {
  const coordinator = await as(browser, 'coordinator@demo.test', /\/overview$/);
  await call(coordinator, 'save-settings', { self_scheduling: 'true', interview_setup: 'external_video' });
  const sessionId = await visibleSession(coordinator, 'Lounge session', '2027-03-02', 2);

  // The page, from the menu.
  await coordinator.getByRole('link', { name: 'Meeting rooms' }).click();
  await expect(coordinator.getByRole('heading', { name: 'Meeting rooms', level: 1 })).toBeVisible();
  const form = coordinator.locator('section', { has: coordinator.getByRole('heading', { name: 'Add a meeting room' }) });
  const list = coordinator.locator('section', { has: coordinator.getByRole('heading', { name: "The program's meeting rooms" }) });

  // A room that closes before it opens is refused beside the field; nothing is added.
  await form.getByLabel('Name').fill('Welcome');
  await form.getByLabel('For', { exact: true }).selectOption({ label: 'Applicants and interviewers' });
  await form.getByLabel('Session').selectOption({ label: 'Lounge session' });
  await form.getByLabel('Opens').fill('07:55');
  await form.getByLabel('Closes').fill('07:30');
  await form.getByLabel('Meeting link').fill('https://video.example.test/welcome');
  await form.getByRole('button', { name: 'Add meeting room' }).click();
  await expect(form.getByText('The room closes after it opens.')).toBeVisible();
  await expect(coordinator.getByLabel('Closes')).toHaveAttribute('aria-invalid', 'true');
  await expect(list.getByRole('row', { name: /Welcome/ })).toHaveCount(0);

  // Corrected, it is added and listed.
  await form.getByLabel('Opens').fill('07:30');
  await form.getByLabel('Closes').fill('07:55');
  await form.getByRole('button', { name: 'Add meeting room' }).click();
  await expect(form.getByText('Added. Publish the day to put it in itineraries.')).toBeVisible();
  const welcome = list.getByRole('row', { name: /Welcome/ });
  await expect(welcome).toContainText('Lounge session');
  await expect(welcome).toContainText('Applicants and interviewers');
  await expect(welcome).toContainText('7:30 AM – 7:55 AM');
  await expect(welcome.getByRole('link', { name: 'video.example.test/welcome' })).toHaveAttribute('href', 'https://video.example.test/welcome');

  // A debrief for interviewers of every session, then removed.
  await form.getByLabel('Name').fill('Debrief');
  await form.getByLabel('For', { exact: true }).selectOption({ label: 'Interviewers' });
  await form.getByLabel('Session').selectOption({ label: 'Every session' });
  await form.getByLabel('Opens').fill('12:00');
  await form.getByLabel('Closes').fill('12:30');
  await form.getByLabel('Meeting link').fill('https://video.example.test/debrief');
  await form.getByRole('button', { name: 'Add meeting room' }).click();
  await expect(list.getByRole('row', { name: /Debrief/ })).toContainText('Every session');
  await coordinator.screenshot({ path: 'screenshots/meeting-rooms.png', fullPage: true });
  await coordinator.setViewportSize({ width: 390, height: 844 });
  await coordinator.screenshot({ path: 'screenshots/meeting-rooms-phone.png', fullPage: true });
  expect(await coordinator.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await coordinator.setViewportSize({ width: 1280, height: 800 });
  await list.getByRole('button', { name: 'Remove Debrief' }).click();
  await expect(list.getByRole('row', { name: /Debrief/ })).toHaveCount(0);
  await expect(list.getByRole('row', { name: /Welcome/ })).toBeVisible();

  // An applicant books the session; a one-room day is generated and published.
  await inviteApplicant(coordinator, 'Nora Lounge', 'nora.lounge@demo.test');
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, timezoneId: 'America/Chicago' });
  const nora = await context.newPage();
  await applicantAccount(nora, 'nora.lounge@demo.test', 'Nora Lounge password');
  await bookFirstChoice(nora, sessionId);
  await oneRoomDraft(coordinator, sessionId, 'Room North');
  await open(coordinator, `/sessions/${sessionId}/day`);
  const card = coordinator.locator('section', { has: coordinator.getByRole('heading', { name: 'Finalize' }) });
  await expect(card.getByTestId('publish-changes')).toContainText('Meeting room: Welcome, 7:30 AM–7:55 AM.');
  await card.getByRole('button', { name: 'Publish version 1' }).click();
  await expect(card.getByTestId('finalize-status')).toContainText('version 1 is out');

  // Nora's itinerary: the welcome room first, at its time, with its link; then her interview.
  await open(nora, '/my-programs');
  const stops = nora.locator('.stop');
  await expect(stops.first()).toContainText('Welcome');
  await expect(stops.first()).toContainText('7:30 AM–7:55 AM');
  await expect(stops.first()).toContainText('Meeting room');
  await expect(stops.first().getByRole('link', { name: 'Join the meeting room' })).toHaveAttribute(
    'href',
    'https://video.example.test/welcome',
  );
  await expect(stops.nth(1)).toContainText('Room North');
  await nora.screenshot({ path: 'screenshots/meeting-room-itinerary-phone.png', fullPage: true });

  // Dr. Rivera's day has it too (the audience is both).
  const rivera = await as(browser, 'interviewer1@demo.test', /\/overview$/);
  await open(rivera, '/my-day');
  const mine = rivera.locator('section.card', { hasText: 'Lounge session' });
  await expect(mine.locator('.stop').first()).toContainText('Welcome');

  for (const page of [nora, rivera, coordinator]) await page.context().close();
});
