import { type Page } from '@playwright/test';
import { test, expect, bookFirstChoice, visibleSession, applicantAccount, as, call, inviteApplicant, loginAs, open } from './helpers';

// A coordinator plans a session's interview day: rounds and a lunch break, three rooms (one a
// panel), a conflict of interest; generates the draft and reads the grid and the report, at
// desktop and phone width.
test('a coordinator sets up an interview day, generates it and reads the grid', async ({ browser }) => {
  const coordinator = await as(browser, 'coordinator@demo.test', /\/overview$/);
  await call(coordinator, 'save-settings', { self_scheduling: 'true', interview_setup: 'external_video' });
  const sessionId = await visibleSession(coordinator, 'Day builder session', '2027-02-09', 8);
  // Three applicants book it (self-scheduling confirms them at once).
  const names = ['Iris Day', 'Jon Day', 'Kai Day'];
  for (const name of names) {
    const email = `${name.toLowerCase().replace(' ', '.')}@demo.test`;
    await inviteApplicant(coordinator, name, email);
    const applicant = await browser.newContext().then((c) => c.newPage());
    await applicantAccount(applicant, email, `${name} password`);
    await bookFirstChoice(applicant, sessionId);
    await applicant.context().close();
  }

  // From the session's page to its day.
  await open(coordinator, `/sessions/${sessionId}`);
  await coordinator.getByRole('link', { name: 'Plan the interview day →' }).click();
  await expect(coordinator.getByRole('heading', { name: 'Day builder session' })).toBeVisible();
  await expect(coordinator.getByTestId('day-applicants')).toHaveText('3');
  await expect(coordinator.getByTestId('grid-empty')).toHaveText('Nothing generated yet.');

  // Rounds: 8:30, 25 minutes, 5 passing, 4 rounds.
  await coordinator.getByLabel('Day starts').fill('08:30');
  await coordinator.getByLabel('Interview length (minutes)').fill('25');
  await coordinator.getByLabel('Passing time between rounds (minutes)').fill('5');
  await coordinator.getByLabel('Rounds', { exact: true }).fill('4');
  await coordinator.getByRole('button', { name: 'Save rounds' }).click();
  await expect(coordinator.getByText('Rounds saved.')).toBeVisible();
  // 4 × 25 + 3 × 5 = 115 minutes.
  await expect(coordinator.getByTestId('day-ends')).toHaveText('10:25 AM');

  // A lunch break after round 2 moves the end.
  await coordinator.getByLabel('When').selectOption({ label: 'After round 2' });
  await coordinator.getByLabel('Break length (minutes)').fill('30');
  await coordinator.getByLabel('Break name').fill('Lunch');
  await coordinator.getByRole('button', { name: 'Add break' }).click();
  await expect(coordinator.getByText('Lunch after round 2 · 30 min')).toBeVisible();
  await expect(coordinator.getByTestId('day-ends')).toHaveText('10:50 AM');

  // Rooms: external video needs a meeting link; a bad one is refused beside its field.
  const addRoom = async (name: string, link: string, who: string[]) => {
    await coordinator.getByLabel('Room name').fill(name);
    await coordinator.getByLabel('Meeting link (Zoom, Teams, WebEx)').fill(link);
    for (const w of who) await coordinator.getByLabel(w, { exact: true }).check();
    await coordinator.getByRole('button', { name: 'Add room' }).click();
  };
  await addRoom('Room A', 'zoom.us/j/1', ['Dr. Sam Rivera']);
  await expect(coordinator.getByText('Enter the meeting link, starting with https://')).toBeVisible();
  await coordinator.getByLabel('Meeting link (Zoom, Teams, WebEx)').fill('https://zoom.us/j/111');
  await coordinator.getByRole('button', { name: 'Add room' }).click();
  await expect(coordinator.getByRole('button', { name: 'Edit Room A' })).toBeVisible();
  await addRoom('Room B', 'https://zoom.us/j/222', ['Dr. Alex Chen']);
  await expect(coordinator.getByRole('button', { name: 'Edit Room B' })).toBeVisible();
  await addRoom('Panel', 'https://zoom.us/j/333', ['Dr. Maya Patel', 'Chris Okafor']);
  await expect(coordinator.getByRole('button', { name: 'Edit Panel' })).toBeVisible();
  await expect(coordinator.getByText('Chris Okafor, Dr. Maya Patel')).toBeVisible();
  await expect(coordinator.getByTestId('day-rooms')).toHaveText('3');
  // Editing a room opens it in the form (the address says which), the focus on its name;
  // saving closes it again.
  await coordinator.getByRole('button', { name: 'Edit Room B' }).click();
  await expect(coordinator.getByRole('heading', { name: 'Edit Room B' })).toBeVisible();
  await expect(coordinator).toHaveURL(/\?room=\d+$/);
  await expect(coordinator.getByLabel('Room name')).toBeFocused();
  await expect(coordinator.getByLabel('Room name')).toHaveValue('Room B');
  // Its interviewer shows as a chip above the list.
  await expect(coordinator.getByRole('group', { name: 'Chosen interviewers' }).getByRole('button')).toHaveText(['Dr. Alex Chen ×']);
  await coordinator.getByLabel('Meeting link (Zoom, Teams, WebEx)').fill('https://zoom.us/j/2222');
  await coordinator.getByRole('button', { name: 'Save room' }).click();
  await expect(coordinator.getByRole('heading', { name: 'Add a room' })).toBeVisible();
  await expect(coordinator).toHaveURL(/\/day$/);
  await expect(coordinator.getByText('https://zoom.us/j/2222')).toBeVisible();
  await expect(coordinator.getByTestId('day-rooms')).toHaveText('3');

  // The interviewers are a searchable list (a program may have 200 staff): typing part of a
  // name leaves those who match; the one picked shows as a chip, removed again by keyboard.
  const staffList = coordinator.locator('#room-staff');
  const shown = staffList.locator('label.check:visible');
  const everyone = await staffList.locator('label.check').count();
  const findStaff = coordinator.getByLabel('Find staff');
  await findStaff.fill('ri');
  await expect(shown).toHaveText(['Chris Okafor', 'Dr. Sam Rivera']);
  await expect(coordinator.getByText(`2 of ${everyone} shown`)).toBeVisible();
  await findStaff.fill('pat');
  await expect(shown).toHaveText(['Dr. Maya Patel']);
  // Tab goes from the filter to the one box shown; Space picks it.
  await coordinator.keyboard.press('Tab');
  await expect(coordinator.getByLabel('Dr. Maya Patel', { exact: true })).toBeFocused();
  await coordinator.keyboard.press('Space');
  const chip = coordinator.getByRole('button', { name: 'Remove Dr. Maya Patel' });
  await expect(chip).toBeVisible();
  await coordinator.locator('#room-form-heading').scrollIntoViewIfNeeded();
  await coordinator.screenshot({ path: 'screenshots/day-room-picker.png', fullPage: false });
  await chip.focus();
  await coordinator.keyboard.press('Enter');
  await expect(chip).toHaveCount(0);
  await expect(coordinator.getByLabel('Dr. Maya Patel', { exact: true })).not.toBeChecked();
  await expect(findStaff).toBeFocused();
  await findStaff.fill('');
  await expect(shown).toHaveCount(everyone);

  // A conflict of interest: Dr. Alex Chen never meets Kai Day.
  await coordinator.getByLabel('Interviewer', { exact: true }).selectOption({ label: 'Dr. Alex Chen' });
  await coordinator.getByLabel('Applicant', { exact: true }).selectOption({ label: 'Kai Day' });
  await coordinator.getByRole('button', { name: 'Add conflict' }).click();
  await expect(coordinator.getByText('Dr. Alex Chen must not meet Kai Day')).toBeVisible();

  // Generate: the grid shows everyone; Kai misses Room B and the report says why.
  await coordinator.getByRole('button', { name: 'Generate' }).click();
  const grid = coordinator.getByRole('table', { name: /Draft schedule/ });
  await expect(grid).toBeVisible();
  await expect(grid.getByRole('row')).toHaveCount(1 + 4 + 1); // header, 4 rounds, the lunch row
  await expect(grid.getByRole('row', { name: /Lunch/ })).toContainText('Lunch · 9:25 AM – 9:55 AM');
  for (const name of names) await expect(grid.getByRole('cell', { name })).not.toHaveCount(0);
  const roomB = await grid.locator('td[data-label="Room B"]').allTextContents();
  expect(roomB).not.toContain('Kai Day');
  const report = coordinator.getByLabel('Draft report');
  await expect(report).toContainText('The draft is as full as this day allows');
  await expect(report).toContainText('Kai Day: 2 of 3 interviews — only 2 rooms are open to them');
  await expect(report).toContainText('Interviews per interviewer');

  await coordinator.screenshot({ path: 'screenshots/day-desktop.png', fullPage: true });
  await coordinator.setViewportSize({ width: 390, height: 844 });
  // On a phone the grid is a list per round, each cell labelled with its room.
  await expect(grid.locator('thead')).toBeHidden();
  await coordinator.screenshot({ path: 'screenshots/day-phone.png', fullPage: true });
  await grid.screenshot({ path: 'screenshots/day-phone-grid.png' });

  await call(coordinator, 'save-settings', { self_scheduling: 'true', interview_setup: 'external_video' });
});

// The same day, edited: by keyboard and by drag, a conflict and its reason, undo and redo,
// repair; a second coordinator sees each edit live, and a third, whose page missed an edit,
// is refused gracefully when editing the same cell.
test('the schedule builder: keyboard and drag, conflicts, undo, repair, two coordinators', async ({ browser }) => {
  const a = await as(browser, 'coordinator@demo.test', /\/overview$/);
  const sessions = await call(a, 'list-sessions', {});
  const id = sessions.sessions.find((s: any) => s.name === 'Day builder session').id;
  await open(a, `/sessions/${id}/day`);
  const b = await as(browser, 'manager@demo.test', /\/overview$/);
  await open(b, `/sessions/${id}/day`);
  // The third coordinator's page never hears live updates (its push stream is blocked).
  const cContext = await browser.newContext();
  await cContext.route('**/events*', (route) => route.abort());
  const c = await cContext.newPage();
  await loginAs(c, 'director@demo.test', /\/overview$/);
  await open(c, `/sessions/${id}/day`);

  // Each sees who else has the page open.
  await expect(b.getByTestId('editors')).toContainText('Also editing now:');
  await expect(b.getByTestId('editors')).toContainText('Jordan Lee');
  await expect(a.getByTestId('editors')).toContainText('Chris Okafor');

  const column = (page: typeof a, room: string) => page.locator(`td[data-label="${room}"] .cell`);
  const texts = async (page: typeof a, room: string) =>
    (await column(page, room).allTextContents()).map((t) => t.split(' ⚠')[0].trim());

  // Keyboard: pick up an applicant in Room A, move to a free round of Room A, place.
  const roomA = await texts(a, 'Room A');
  const from = roomA.findIndex((t) => t !== '—');
  const to = roomA.findIndex((t) => t === '—');
  expect(from).toBeGreaterThanOrEqual(0);
  expect(to).toBeGreaterThanOrEqual(0);
  const who = roomA[from];
  await column(a, 'Room A').nth(from).focus();
  await a.keyboard.press('Enter');
  await expect(a.getByTestId('announce')).toContainText(`${who} picked up`);
  for (let i = 0; i < Math.abs(to - from); i++) await a.keyboard.press(to > from ? 'ArrowDown' : 'ArrowUp');
  await a.keyboard.press('Enter');
  await expect(a.getByTestId('announce')).toHaveText(`${who} moved to Room A, round ${to + 1}.`);
  await expect(column(a, 'Room A').nth(to)).toHaveText(who);
  // The other coordinator sees it without reloading.
  await expect(column(b, 'Room A').nth(to)).toHaveText(who);
  await expect(column(b, 'Room A').nth(from)).toHaveText('—');

  // The third page missed that edit: its move of the same applicant is refused with the reason,
  // and its grid then shows the draft as it is.
  await column(c, 'Room A').nth(from).focus();
  await c.keyboard.press('Enter');
  await column(c, 'Room A').nth(to).focus();
  await c.keyboard.press('Enter');
  await expect(c.getByRole('alert')).toContainText('was changed a moment ago by someone else');
  await expect(column(c, 'Room A').nth(to)).toHaveText(who);

  // Undo on the first page puts it back (a new edit, seen by the other); redo again.
  await a.getByRole('button', { name: 'Undo' }).click();
  await expect(column(a, 'Room A').nth(from)).toHaveText(who);
  await expect(column(b, 'Room A').nth(from)).toHaveText(who);
  await a.getByRole('button', { name: 'Redo' }).click();
  await expect(column(a, 'Room A').nth(to)).toHaveText(who);

  // Drag Kai Day into Room B, whose interviewer must never meet Kai: the cell is marked, with
  // the reason in words.
  const kai = a.locator('td .cell', { hasText: 'Kai Day' }).first();
  const target = column(a, 'Room B').first();
  await kai.dragTo(target);
  const flagged = a.locator('td.flagged', { hasText: 'Kai Day' });
  await expect(flagged).toBeVisible();
  await expect(flagged).toContainText('⚠ conflict');
  // The mark is the grid's own, not TimeTrack's red bar (a shared `.flag` rule once gave it one).
  const mark = await flagged.locator('.flag').evaluate((el) => {
    const s = getComputedStyle(el);
    return { display: s.display, border: s.borderLeftWidth, background: s.backgroundColor };
  });
  expect(mark).toEqual({ display: 'inline', border: '0px', background: 'rgba(0, 0, 0, 0)' });
  // The report above the grid follows the draft: it now says which rule is broken.
  const report = a.getByTestId('draft-report');
  await expect(report).toContainText('The draft breaks a rule:');
  await expect(report).toContainText('Kai Day meets Dr. Alex Chen in round 1, against a conflict of interest.');
  // So does the Finalize card, here and on the other coordinator's page, without "Review again".
  for (const page of [a, b]) {
    const card = finalizeCard(page);
    await expect(card).toContainText('Before publishing:');
    await expect(card).toContainText('Kai Day meets Dr. Alex Chen');
    await expect(card.getByRole('button', { name: /^Publish version/ })).toHaveCount(0);
  }
  // The reason shows on hover (and on focus, for the keyboard).
  await flagged.hover();
  const why = flagged.getByRole('tooltip');
  await expect(why).toBeVisible();
  await expect(why).toContainText('Kai Day meets Dr. Alex Chen');
  await expect(why).toContainText('against a conflict of interest');
  await a.screenshot({ path: 'screenshots/builder-conflict.png', fullPage: true });
  await a.getByRole('button', { name: 'Undo' }).click();
  await expect(a.locator('td.flagged')).toHaveCount(0);
  await expect(report).toContainText('The draft is as full as this day allows');
  await expect(finalizeCard(a).getByRole('button', { name: 'Publish version 1' })).toBeVisible();

  // In the last round, at the bottom of the window, the reason opens where there is room: on
  // keyboard focus it is inside the grid's scroll area and the window.
  await kai.dragTo(column(a, 'Room B').last());
  const last = column(a, 'Room B').last();
  await expect(last).toContainText('Kai Day ⚠ conflict');
  await a.mouse.move(0, 0);
  await last.evaluate((el) => el.scrollIntoView({ block: 'end' }));
  const rounds = await column(a, 'Room B').count();
  await column(a, 'Room B').nth(rounds - 2).focus();
  await a.keyboard.press('ArrowDown');
  await expect(last).toBeFocused();
  await expect(last).toHaveAttribute('aria-label', /Conflict: .*Kai Day meets Dr\. Alex Chen/);
  const lastWhy = last.getByRole('tooltip');
  await expect(lastWhy).toBeVisible();
  const inside = async (page: typeof a, why: typeof lastWhy) => {
    const box = (await why.boundingBox())!;
    const area = (await page.locator('.grid-wrap').first().boundingBox())!;
    const view = page.viewportSize()!;
    const top = Math.max(area.y, 0);
    const left = Math.max(area.x, 0);
    const bottom = Math.min(area.y + area.height, view.height);
    const right = Math.min(area.x + area.width, view.width);
    expect(box.y, 'the top of the reason').toBeGreaterThanOrEqual(top - 1);
    expect(box.x, 'its left edge').toBeGreaterThanOrEqual(left - 1);
    expect(box.y + box.height, 'its bottom').toBeLessThanOrEqual(bottom + 1);
    expect(box.x + box.width, 'its right edge').toBeLessThanOrEqual(right + 1);
  };
  await inside(a, lastWhy);
  await a.screenshot({ path: 'screenshots/builder-conflict-last-row.png', fullPage: false });
  // On a phone too, where the grid is a list per round.
  const desktop = a.viewportSize()!;
  await a.setViewportSize({ width: 390, height: 844 });
  await last.evaluate((el) => el.scrollIntoView({ block: 'end' }));
  await column(a, 'Room B').nth(rounds - 2).focus();
  await a.keyboard.press('ArrowDown');
  await expect(lastWhy).toBeVisible();
  await inside(a, lastWhy);
  await a.screenshot({ path: 'screenshots/builder-conflict-last-row-phone.png', fullPage: false });
  await a.setViewportSize(desktop);
  // Repair keeps a change that breaks a rule on its own (the coordinator's word), and says so.
  await a.getByRole('button', { name: 'Repair' }).click();
  await expect(a.getByTestId('announce')).toContainText(
    '1 conflict is left in the cells you changed, which the repair keeps as you placed them',
  );
  await expect(last).toContainText('Kai Day ⚠ conflict');
  // Undo takes back the repair, then the drag.
  await a.getByRole('button', { name: 'Undo' }).click();
  await expect(a.getByRole('button', { name: 'Redo' })).toBeEnabled();
  await expect(last).toContainText('Kai Day ⚠ conflict');
  await a.getByRole('button', { name: 'Undo' }).click();
  await expect(a.locator('td.flagged')).toHaveCount(0);

  // Swap two applicants of one round between Room A and the Panel by keyboard: each now visits
  // a room twice. Repair keeps the swap and moves others to make the day valid, and says how.
  const nowA = await texts(a, 'Room A');
  const nowP = await texts(a, 'Panel');
  const round = nowA.findIndex((t, i) => t !== '—' && nowP[i] !== '—' && t !== nowP[i]);
  expect(round).toBeGreaterThanOrEqual(0);
  await column(a, 'Room A').nth(round).focus();
  await a.keyboard.press('Enter');
  await a.keyboard.press('ArrowRight');
  await a.keyboard.press('ArrowRight');
  await a.keyboard.press('Enter');
  await expect(column(a, 'Panel').nth(round)).toContainText(nowA[round]);
  await expect(a.locator('td.flagged').first()).toBeVisible();
  await a.getByRole('button', { name: 'Repair' }).click();
  await expect(a.getByTestId('announce')).toContainText('Repaired:');
  await expect(a.getByTestId('repair-moved')).toContainText('The repair moved');
  await expect(a.locator('td.flagged')).toHaveCount(0);
  await expect(column(a, 'Panel').nth(round)).toHaveText(nowA[round]);
  await a.screenshot({ path: 'screenshots/builder-repaired.png', fullPage: false });

  // Other views: each applicant's day, each interviewer's day; a room filter on a wide day.
  await a.getByRole('button', { name: 'By applicant' }).click();
  const byApplicant = a.getByRole('table', { name: /Draft by applicant/ });
  await expect(byApplicant.getByRole('row', { name: /Kai Day/ })).toBeVisible();
  await a.getByRole('button', { name: 'By interviewer' }).click();
  const byInterviewer = a.getByRole('table', { name: /Draft by interviewer/ });
  await expect(byInterviewer.getByRole('row', { name: /Dr. Sam Rivera/ })).toBeVisible();
  await a.screenshot({ path: 'screenshots/builder-by-interviewer.png', fullPage: false });
  await a.getByRole('button', { name: 'By room' }).click();
  await a.getByLabel('Filter rooms').fill('pan');
  const heads = a.getByRole('table', { name: /Draft schedule/ }).locator('thead th');
  await expect(heads).toHaveText(['Round', 'Panel']);
  await a.getByLabel('Filter rooms').fill('');
  await expect(heads).toHaveCount(4);

  await a.setViewportSize({ width: 390, height: 844 });
  // Nothing sticks out at phone width (a long video link once did).
  expect(await a.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await a.screenshot({ path: 'screenshots/builder-phone.png', fullPage: true });
  await cContext.close();
});

/** The Finalize card of a Day page. */
function finalizeCard(page: Page) {
  return page.locator('section', { has: page.getByRole('heading', { name: 'Finalize' }) });
}
