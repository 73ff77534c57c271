import { test as base, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';

/**
 * The suite's `test`: every browser context it opens (the default one and every
 * `browser.newContext()`) reports Content-Security-Policy violations, and any violation fails
 * the test it happened in.
 */
const violations: string[] = [];

const watched = new WeakSet<BrowserContext>();

async function watchCsp(context: BrowserContext) {
  if (watched.has(context)) return;
  watched.add(context);
  await context.exposeBinding('__cspViolation', (_source, report: string) => {
    violations.push(report);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as any).__cspViolation(
        `${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`,
      );
    });
  });
}

/**
 * The contexts a test opened with `browser.newContext()`. They are closed when the test ends:
 * left open, every page of every earlier test stayed live in the worker's browser and reloaded
 * on each push of the program it showed (50 pages by the 40th test of a group, hundreds of
 * reloads a minute), which slowed the later tests of the group on a two-core machine.
 */
const opened: BrowserContext[] = [];

export const test = base.extend<{ cspClean: void; closeOpened: void }, { watchedBrowser: Browser }>({
  context: async ({ context }, use) => {
    await watchCsp(context);
    await use(context);
  },
  // Every test: no violation may have happened while it ran.
  cspClean: [
    async ({}, use) => {
      violations.splice(0);
      await use();
      const seen = violations.splice(0);
      expect(seen, 'Content-Security-Policy violations').toEqual([]);
    },
    { auto: true },
  ],
  // Every test: the contexts it opened are closed at its end (a failed test's pages first
  // photographed, as Playwright does for the pages of its own context).
  closeOpened: [
    async ({}, use, testInfo) => {
      opened.splice(0);
      await use();
      const these = opened.splice(0);
      if (testInfo.status !== testInfo.expectedStatus) {
        let n = 0;
        for (const context of these) {
          for (const page of context.pages()) {
            n += 1;
            const body = await page.screenshot({ fullPage: true, timeout: 5_000 }).catch(() => null);
            if (body) await testInfo.attach(`page-${n}`, { body, contentType: 'image/png' });
          }
        }
      }
      await Promise.all(these.map((context) => context.close().catch(() => {})));
    },
    { auto: true },
  ],
  watchedBrowser: [
    async ({ browser }, use) => {
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (options) => {
        const context = await newContext(options);
        opened.push(context);
        await watchCsp(context);
        return context;
      };
      await use(browser);
    },
    { scope: 'worker', auto: true },
  ],
});

export { expect };
import { execFileSync } from 'node:child_process';

export const PASSWORD = 'demo-password';

/** Opens a page and waits until it is hydrated (interactive). */
export async function open(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator('body[data-hydrated]')).toBeAttached({ timeout: 20_000 });
}

export async function login(page: Page, email: string, password = PASSWORD) {
  await open(page, '/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

/** Logs in and waits for the page the person lands on. */
export async function loginAs(page: Page, email: string, landing: RegExp, password = PASSWORD) {
  await login(page, email, password);
  await expect(page).toHaveURL(landing);
  await expect(page.locator('body[data-hydrated]')).toBeAttached({ timeout: 20_000 });
}

export async function logout(page: Page) {
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.locator('body[data-hydrated]')).toBeAttached({ timeout: 20_000 });
}

/** The newest e-mail to `to`, read from the server's outbox (its SQLite database). */
export function lastEmail(to: string): string {
  const db = process.env.PORTAL_DB;
  if (!db) throw new Error('PORTAL_DB is not set: run the suite through `make test`');
  const sql = `SELECT body FROM outbox WHERE to_email = '${to.replace(/'/g, "''")}' ORDER BY id DESC LIMIT 1`;
  return execFileSync('sqlite3', [db, sql]).toString();
}

/** A room of a session, read from the server's database: its id and its video link's token. */
export function roomOf(sessionId: string, name: string): { id: string; token: string } {
  const db = process.env.PORTAL_DB;
  if (!db) throw new Error('PORTAL_DB is not set: run the suite through `make test`');
  const sql = `SELECT id, video_token FROM rooms WHERE session_id = ${Number(sessionId)} AND name = '${name.replace(/'/g, "''")}'`;
  const [id, token] = execFileSync('sqlite3', [db, sql]).toString().trim().split('|');
  return { id, token };
}

/** Lets `email` log in again at once: the lock a test provoked is that test's, not the suite's. */
export function clearLoginFailures(email: string) {
  const db = process.env.PORTAL_DB;
  if (!db) throw new Error('PORTAL_DB is not set: run the suite through `make test`');
  execFileSync('sqlite3', [db, `DELETE FROM login_failures WHERE account = '${email.replace(/'/g, "''")}'`]);
}

export function linkIn(body: string): string {
  const m = body.match(/https?:\/\/\S+token=[0-9a-f]+/);
  if (!m) throw new Error(`no link in: ${body}`);
  return new URL(m[0]).pathname + new URL(m[0]).search;
}

/**
 * A new browser context (its own cookies), logged in as `email`, on the page they land on.
 * `password` defaults to the demo's; `timezoneId` sets the browser's zone.
 */
export async function as(
  browser: Browser,
  email: string,
  landing: RegExp,
  options: { password?: string; timezoneId?: string } = {},
): Promise<Page> {
  const context = await browser.newContext(options.timezoneId ? { timezoneId: options.timezoneId } : {});
  const page = await context.newPage();
  await loginAs(page, email, landing, options.password ?? PASSWORD);
  return page;
}

/** A server-function call from the page's own session (set-up steps); expects success. */
export async function call(page: Page, fn: string, form: Record<string, string>) {
  const res = await page.request.post(`/api/${fn}`, { form, headers: { accept: 'application/json' } });
  expect(res.status(), `${fn}: ${await res.text()}`).toBe(200);
  return res.json();
}

/** Picks the first choice (radio) and, when asked, the second (select) by session name. */
export async function choose(page: Page, first: string, second?: string) {
  await page.getByRole('radio', { name: new RegExp(first) }).check();
  if (second) {
    const value = await page.locator('#second-choice option', { hasText: second }).first().getAttribute('value');
    await page.locator('#second-choice').selectOption(value!);
  }
  await page.getByRole('button', { name: 'Submit my choices' }).click();
}

/** Fills in the sign-up form for `email` and waits for the (always same) answer. */
export async function signUp(page: Page, email: string, password: string) {
  await open(page, '/signup');
  await page.getByLabel('Email of your application').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel('Repeat the password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('Check your inbox.')).toBeVisible();
}

/** The fields of `save-session` for a session as `list-sessions` returns it (`session[...]`). */
export function sessionForm(s: any, visible: boolean): Record<string, string> {
  return {
    'session[id]': String(s.id),
    'session[name]': s.name,
    'session[date]': s.date,
    'session[start]': s.start,
    'session[end]': s.end,
    'session[time_zone]': s.time_zone,
    'session[capacity]': String(s.fill.capacity),
    ...(visible ? { 'session[visible]': 'true' } : {}),
  };
}

/**
 * Set-up through server functions, as the coordinator logged in on `page`: a visible session on
 * `date`, 8:00 AM to noon in New York; its id.
 */
export async function visibleSession(page: Page, name: string, date: string, capacity: number): Promise<string> {
  const id = await call(page, 'save-session', {
    'session[name]': name,
    'session[date]': date,
    'session[start]': '08:00',
    'session[end]': '12:00',
    'session[time_zone]': 'America/New_York',
    'session[capacity]': String(capacity),
    'session[visible]': 'true',
  });
  return String(id);
}

/**
 * Set-up through server functions, as the coordinator logged in on `page`: a generated draft of
 * `rounds` (2) 20-minute rounds (5 minutes' passing from 8:00 AM) in one room, `room`, with Dr.
 * Sam Rivera and, unless `video` is `portal` (the portal's own rooms), an external video link.
 */
export async function oneRoomDraft(page: Page, sessionId: string, room: string, options: { rounds?: number; video?: 'portal' } = {}) {
  await call(page, 'save-day-plan', {
    session_id: sessionId,
    'plan[start]': '08:00',
    'plan[interview_minutes]': '20',
    'plan[passing_minutes]': '5',
    'plan[rounds]': String(options.rounds ?? 2),
    'plan[interviews_per_applicant]': '1',
  });
  let day = await call(page, 'session-day', { session_id: sessionId });
  await call(page, 'save-room', {
    session_id: sessionId,
    'room[name]': room,
    'room[location]': options.video === 'portal' ? '' : `https://video.example.test/${room.toLowerCase().replace(' ', '-')}`,
    'room[interviewers][0]': String(day.staff.find((p: any) => p.name === 'Dr. Sam Rivera').id),
  });
  day = await call(page, 'session-day', { session_id: sessionId });
  await call(page, 'generate-day', { session_id: sessionId, draft_version: String(day.draft_version) });
}

/**
 * Set-up through server functions, as the applicant logged in on `page`: chooses `sessionId`
 * first and the demo's January interview day second (self-scheduling confirms the first).
 */
export async function bookFirstChoice(page: Page, sessionId: string) {
  const program = (await call(page, 'my-programs', {}))[0];
  const other = program.sessions.find((s: any) => s.name === 'January interview day').id;
  await call(page, 'submit-choices', {
    program_id: String(program.program_id),
    first_choice: sessionId,
    second_choice: String(other),
  });
}

/**
 * Set-up through server functions, as the coordinator logged in on `page`: adds an applicant,
 * marks them Invited & Ready for Scheduling and sends the invitation.
 */
export async function inviteApplicant(page: Page, name: string, email: string) {
  await call(page, 'add-applicant', { name, email });
  const list = await call(page, 'list-applicants', {});
  const id = String(list.applicants.find((a: any) => a.email === email).id);
  await call(page, 'mark-invited', { id });
  await call(page, 'send-invitation', { id });
}

/**
 * Set-up through server functions: signs up with `email`, opens the e-mailed link's token, and
 * leaves `page` logged in as that applicant on My Programs.
 */
export async function applicantAccount(page: Page, email: string, password: string) {
  await call(page, 'sign-up', { email, password, confirm: password });
  const token = lastEmail(email).match(/token=([0-9a-f]+)/)![1];
  await call(page, 'confirm-email', { token });
  await open(page, '/my-programs');
}

/** Moves the server's test clock (PORTAL_TEST_CLOCK=1) forward, or back to the real time. */
export async function moveClock(page: Page, form: Record<string, string>) {
  const res = await page.request.post('/test/clock', { form });
  expect(res.status(), await res.text()).toBe(200);
}

/** Seconds left on a page's (first) countdown ("19:58" → 1198). */
export async function secondsLeft(page: Page): Promise<number> {
  const text = (await page.getByRole('timer').first().textContent())!.trim();
  return text.split(':').reduce((acc, part) => acc * 60 + Number(part), 0);
}

/** Each spec that moves the server's test clock sets it back before and after, so one spec's
 * jump never expires another's logins. */
export function resetTestClockAround() {
  test.beforeEach(async ({ request }) => {
    expect((await request.post('/test/clock', { form: { reset: '1' } })).status()).toBe(200);
  });
  test.afterEach(async ({ request }) => {
    await request.post('/test/clock', { form: { reset: '1' } });
  });
}

/**
 * A visible session of as many seats as `people` on `date`, self-scheduling on and the day run
 * through external video links, each of `people` ([name, e-mail]) invited, given an account in
 * a browser of their own, and booked into it. Its id.
 */
export async function bookedSession(browser: Browser, coordinator: Page, name: string, date: string, people: string[][]): Promise<string> {
  await call(coordinator, 'save-settings', { self_scheduling: 'true', interview_setup: 'external_video' });
  const sessionId = await visibleSession(coordinator, name, date, people.length);
  for (const [who, email] of people) {
    await inviteApplicant(coordinator, who, email);
    const applicant = await browser.newContext().then((c) => c.newPage());
    await applicantAccount(applicant, email, `${who} password`);
    await bookFirstChoice(applicant, sessionId);
    await applicant.context().close();
  }
  return sessionId;
}

/**
 * [`bookedSession`], then its day finalized: four 20-minute rounds in two rooms, Dr. Sam Rivera
 * in Room Red and Dr. Maya Patel (the director, who also interviews) in Room Blue, two
 * interviews each, so every applicant meets both. Its id.
 */
export async function finalizedDay(browser: Browser, coordinator: Page, name: string, date: string, people: string[][]): Promise<string> {
  const sessionId = await bookedSession(browser, coordinator, name, date, people);
  await finalizeTwoRooms(coordinator, sessionId, 4);
  return sessionId;
}

/**
 * The session's day finalized: `rounds` 20-minute rounds from 08:00 in two rooms, Dr. Sam
 * Rivera in Room Red and Dr. Maya Patel (the director, who also interviews) in Room Blue, two
 * interviews for each applicant; the rooms' external video links, unless `video` is `portal`.
 */
export async function finalizeTwoRooms(coordinator: Page, sessionId: string, rounds: number, options: { video?: 'portal' } = {}) {
  await call(coordinator, 'save-day-plan', {
    session_id: sessionId,
    'plan[start]': '08:00',
    'plan[interview_minutes]': '20',
    'plan[passing_minutes]': '5',
    'plan[rounds]': String(rounds),
    'plan[interviews_per_applicant]': '2',
  });
  let day = await call(coordinator, 'session-day', { session_id: sessionId });
  for (const [room, who] of [['Room Red', 'Dr. Sam Rivera'], ['Room Blue', 'Dr. Maya Patel']]) {
    await call(coordinator, 'save-room', {
      session_id: sessionId,
      'room[name]': room,
      'room[location]': options.video === 'portal' ? '' : `https://video.example.test/${room.toLowerCase().replace(' ', '-')}`,
      'room[interviewers][0]': String(day.staff.find((p: any) => p.name === who).id),
    });
  }
  day = await call(coordinator, 'session-day', { session_id: sessionId });
  await call(coordinator, 'generate-day', { session_id: sessionId, draft_version: String(day.draft_version) });
  const review = await call(coordinator, 'review-publish', { session_id: sessionId });
  await call(coordinator, 'finalize-day', { session_id: sessionId, draft_version: String(review.draft_version) });
}
