import { execFileSync } from 'node:child_process';
import * as net from 'node:net';
import type { Page } from '@playwright/test';
import { test, expect, as, inviteApplicant, open } from './helpers';

/**
 * A relay on loopback, as a hospital's would answer: it takes every message except those to the
 * addresses in `refused`, which it refuses for good (550), as a relay does a mailbox it does
 * not have. The test moves addresses in and out of it.
 */
function startRelay(refused: Set<string>): Promise<{ port: number; received: string[]; close: () => void }> {
  const received: string[] = [];
  const server = net.createServer((socket) => {
    let buffer = '';
    let inData = false;
    let data = '';
    socket.write('220 relay.test ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      let end: number;
      while ((end = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            received.push(data);
            data = '';
            socket.write('250 2.0.0 queued\r\n');
          } else {
            data += line + '\n';
          }
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') socket.write('250-relay.test\r\n250 8BITMIME\r\n');
        else if (verb === 'RCPT') {
          const to = (line.match(/<([^>]*)>/)?.[1] ?? '').toLowerCase();
          socket.write(refused.has(to) ? '550 5.1.1 <' + to + '>: mailbox unavailable\r\n' : '250 2.1.5 ok\r\n');
        } else if (verb === 'DATA') {
          inData = true;
          socket.write('354 go ahead\r\n');
        } else if (verb === 'QUIT') {
          socket.end('221 2.0.0 bye\r\n');
        } else socket.write('250 ok\r\n');
      }
    });
    socket.on('error', () => {});
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      resolve({ port, received, close: () => server.close() });
    });
  });
}

function restartServer(env: Record<string, string>) {
  const restart = process.env.PORTAL_RESTART;
  if (!restart) throw new Error('PORTAL_RESTART is not set: run the suite through scripts/e2e.sh');
  execFileSync(restart, { env: { ...process.env, ...env } });
}

/** Opens `path` until the message's state badge says `state` (the outbox works in the background). */
async function until(page: Page, path: string, state: string) {
  await expect(async () => {
    await open(page, path);
    await expect(page.getByTestId('message-state').first().locator('.badge')).toHaveText(state, { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
}

test.describe.configure({ mode: 'serial' });

test('a bounced message shows the relay’s answer, is resent and sent; every failed one is resent after a confirm; a filter; a message to a list with its preview and count', async ({ browser }) => {
  test.setTimeout(180_000);
  const bea = 'bea.bounce@example.org';
  const ben = 'ben.bounce@example.org';
  const refused = new Set([bea, ben]);
  const relay = await startRelay(refused);
  restartServer({ PORTAL_SMTP_URL: `smtp://127.0.0.1:${relay.port}` });
  try {
    const coordinator = await as(browser, 'coordinator@demo.test', /\/overview$/);
    await inviteApplicant(coordinator, 'Bea Bounce', bea);
    await inviteApplicant(coordinator, 'Ben Bounce', ben);

    // The Communications page, from the menu: the relay refused both invitations for good.
    await coordinator.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Communications' }).click();
    await expect(coordinator).toHaveURL(/\/communications$/);
    await expect(coordinator.getByRole('heading', { name: 'Communications', level: 1 })).toBeVisible();
    await until(coordinator, '/communications?person=bea.bounce', 'Bounced');
    const row = coordinator.getByRole('row').filter({ hasText: bea });
    await expect(row.getByTestId('message-state')).toContainText('Refused by the relay');
    await expect(row.getByTestId('message-state')).toContainText('550');
    await expect(row).toContainText('Invitation to interview');
    await expect(coordinator.getByTestId('undelivered')).toContainText('2 messages not delivered');
    await coordinator.screenshot({ path: 'screenshots/communications.png', fullPage: true });

    // The message whole: the relay's answer, the body as sent; resent once the relay takes it.
    await row.getByRole('link', { name: /Interview invitation/ }).click();
    await expect(coordinator).toHaveURL(/\/communications\/messages\/\d+$/);
    const messagePath = new URL(coordinator.url()).pathname;
    await expect(coordinator.getByTestId('relay-answer')).toContainText('550');
    await expect(coordinator.getByTestId('relay-answer')).toContainText('mailbox unavailable');
    await expect(coordinator.getByTestId('message-body')).toContainText('Dear Bea Bounce,');
    await coordinator.screenshot({ path: 'screenshots/communications-message.png', fullPage: true });
    refused.delete(bea);
    await coordinator.getByRole('button', { name: 'Resend now' }).click();
    await expect(coordinator.locator('.message-actions [data-message]')).toHaveText('Queued again: it goes out in a moment.');
    await until(coordinator, messagePath, 'Sent');
    await expect(coordinator.getByRole('button', { name: 'Send again' })).toBeVisible();
    expect(relay.received.some((m) => m.includes('Dear Bea Bounce,'))).toBe(true);

    // A filter: the sent invitations, then the failed ones (Ben's only).
    await open(coordinator, '/communications');
    await coordinator.getByLabel('Kind').selectOption({ label: 'Invitation to interview' });
    await coordinator.getByLabel('State').selectOption({ label: 'Bounced' });
    await coordinator.getByRole('button', { name: 'Show' }).click();
    await expect(coordinator).toHaveURL(/kind=invitation/);
    await expect(coordinator).toHaveURL(/state=bounced/);
    await expect(coordinator.getByTestId('messages-count')).toContainText('1 message');
    await expect(coordinator.getByRole('row').filter({ hasText: ben })).toBeVisible();
    await expect(coordinator.getByRole('row').filter({ hasText: bea })).toHaveCount(0);

    // Every failed one, after the confirm that says how many.
    refused.delete(ben);
    await coordinator.getByRole('link', { name: 'Resend all failed…' }).click();
    await expect(coordinator.getByRole('heading', { name: 'Resend 1 message that failed?' })).toBeVisible();
    await coordinator.screenshot({ path: 'screenshots/communications-confirm.png', fullPage: true });
    await coordinator.getByRole('button', { name: 'Resend 1 message' }).click();
    await expect(coordinator.locator('.messages-confirm [data-message]')).toHaveText(
      '1 failed message queued again: they go out in a moment.',
    );
    await until(coordinator, `/communications?person=${encodeURIComponent(ben)}`, 'Sent');

    // Bea's page lists her messages, linked to the Communications page.
    await open(coordinator, '/applicants?q=bea.bounce');
    await coordinator.getByRole('link', { name: 'Bea Bounce' }).first().click();
    const messages = coordinator.getByTestId('applicant-messages');
    await expect(messages).toContainText('Interview invitation');
    await expect(messages.locator('.badge')).toHaveText('Sent');
    await coordinator.getByRole('link', { name: 'The message on the Communications page' }).click();
    await expect(coordinator.getByTestId('messages-about')).toContainText('Bea Bounce');

    // A message to a list: the applicant list's filter, the preview filled for the first, the count.
    // From the Communications page it starts with every applicant; from the applicant list, with its filter.
    await open(coordinator, '/communications');
    await coordinator.getByRole('link', { name: 'Write to a list' }).click();
    await expect(coordinator).toHaveURL(/\/communications\/send$/);
    await expect(coordinator.getByTestId('send-count')).toContainText(': every applicant.');
    await coordinator.getByLabel('Search').fill('bounce');
    await coordinator.getByLabel('Search').press('Tab');
    await expect(coordinator).toHaveURL(/q=bounce/);
    await expect(coordinator.getByTestId('send-count')).toHaveText('This goes to 2 applicants: every applicant matching “bounce”.');
    await open(coordinator, '/applicants?status=invited_ready&q=bounce');
    await coordinator.getByRole('link', { name: 'Write to these 2' }).click();
    await expect(coordinator).toHaveURL(/\/communications\/send\?status=invited_ready&q=bounce$/);
    await expect(coordinator.getByLabel('Status')).toHaveValue('invited_ready');
    await expect(coordinator.getByTestId('send-count')).toHaveText(/^This goes to 2 applicants: the Invited & Ready for Scheduling applicants matching “bounce”\.$/);
    const subject = coordinator.getByLabel('Subject');
    const body = coordinator.getByLabel('Message', { exact: true });
    await subject.fill('Parking at {{program}}');
    await subject.press('Tab');
    await expect(coordinator).toHaveURL(/subject=Parking/);
    await body.fill('Dear {{applicant_name}},\n\nPark in lot B; the {{progam}} team meets you there.');
    await body.press('Tab');
    await expect(coordinator.locator('#field-body-error')).toContainText('line 3, column 20');
    await expect(coordinator.locator('#field-body-error')).toContainText('{{program}}');
    await body.fill('Dear {{applicant_name}},\n\nPark in lot B; the {{program}} team meets you there.');
    await body.press('Tab');
    await expect(coordinator.getByTestId('preview-subject')).toHaveText('Parking at Internal Medicine Residency');
    await expect(coordinator.getByTestId('preview-body')).toContainText('Dear Bea Bounce,');
    await expect(coordinator.getByTestId('preview-body')).toContainText('the Internal Medicine Residency team meets you there.');
    await coordinator.screenshot({ path: 'screenshots/communications-send.png', fullPage: true });
    await coordinator.setViewportSize({ width: 390, height: 844 });
    await coordinator.screenshot({ path: 'screenshots/communications-send-phone.png', fullPage: true });
    await coordinator.setViewportSize({ width: 1280, height: 800 });
    await coordinator.getByRole('button', { name: 'Send to 2 applicants' }).click();
    await expect(coordinator).toHaveURL(/\/communications\?kind=one_off$/);
    await expect(coordinator.getByTestId('messages-count')).toContainText('2 messages');
    await expect(coordinator.getByRole('row').filter({ hasText: 'Parking at Internal Medicine Residency' })).toHaveCount(2);
    await expect(async () => {
      expect(relay.received.filter((m) => m.includes('Park in lot B')).length).toBe(2);
    }).toPass({ timeout: 30_000 });

    // The page at phone width.
    await open(coordinator, '/communications');
    await coordinator.setViewportSize({ width: 390, height: 844 });
    await expect(coordinator.getByRole('heading', { name: 'Communications', level: 1 })).toBeVisible();
    await coordinator.screenshot({ path: 'screenshots/communications-phone.png', fullPage: true });
    await open(coordinator, messagePath);
    await coordinator.screenshot({ path: 'screenshots/communications-message-phone.png', fullPage: true });
    await coordinator.setViewportSize({ width: 1280, height: 800 });

    // Without script the page is sent whole and its filter is a plain form.
    const storageState = await coordinator.context().storageState();
    const plain = await (await browser.newContext({ javaScriptEnabled: false, storageState })).newPage();
    await plain.goto('/communications');
    await expect(plain.locator('.loading')).toHaveCount(0);
    await plain.getByLabel('State').selectOption({ label: 'Sent' });
    await plain.getByLabel('Person').fill('ben.bounce');
    await plain.getByRole('button', { name: 'Show' }).click();
    await expect(plain).toHaveURL(/state=sent/);
    await expect(plain.getByTestId('messages-count')).toContainText('2 messages');
    await plain.context().close();
  } finally {
    // The other specs of this server's group read their mail from the log.
    restartServer({ PORTAL_SMTP_URL: '' });
    relay.close();
  }
});
