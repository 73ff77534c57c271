import { chromium, type TestInfo } from '@playwright/test';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test, expect, as, open, loginAs } from './helpers';

// The portal's own video, first part (issue 31): "Check your setup". Chromium runs with a
// synthetic camera and microphone (playwright.config.ts). The applicant turns them on, sees
// themselves, and tests the connection: their media goes to the portal's video server and comes
// back, read from the browser's own statistics (frames decoded, audio packets received).

test('an applicant checks their camera and their connection to the portal video server', async ({ browser }) => {
  test.setTimeout(90_000);
  const applicant = await as(browser, 'dev.shah@demo.test', /\/my-programs$/);
  await open(applicant, '/video/check');
  await expect(applicant.getByRole('heading', { name: 'Check your setup', level: 1 })).toBeVisible();
  await expect(applicant.getByText('Nothing is recorded')).toBeVisible();

  // The connection test waits for the camera.
  const test_ = applicant.getByRole('button', { name: 'Test the connection' });
  await expect(test_).toBeDisabled();
  await applicant.getByRole('button', { name: 'Turn on the camera and microphone' }).click();
  const cameraStatus = applicant.locator('#check-camera-status');
  await expect(cameraStatus).toHaveAttribute('data-state', 'done');
  await expect(cameraStatus).toContainText('Working: ');
  await expect(applicant.getByLabel('Camera', { exact: true })).toBeVisible();
  await expect(applicant.getByLabel('Microphone', { exact: true })).toBeVisible();
  const mine = applicant.getByLabel('Your camera');
  await expect.poll(() => mine.evaluate((v: HTMLVideoElement) => v.videoWidth)).toBeGreaterThan(0);

  // The speaker test plays without an error.
  await applicant.getByRole('button', { name: 'Play a test sound' }).click();

  // The connection: what went to the server came back.
  await test_.click();
  const status = applicant.locator('#check-connection-status');
  await expect(status).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  await expect(status).toContainText('Connected: your video');
  expect(Number(await status.getAttribute('data-frames'))).toBeGreaterThan(0);
  expect(Number(await status.getAttribute('data-audio-packets'))).toBeGreaterThan(0);
  const back = applicant.getByLabel("Your video, back from the portal's server");
  await expect.poll(() => back.evaluate((v: HTMLVideoElement) => v.videoWidth)).toBeGreaterThan(0);
  await applicant.screenshot({ path: 'screenshots/video-check-desktop.png', fullPage: true });
  await applicant.setViewportSize({ width: 390, height: 844 });
  await applicant.screenshot({ path: 'screenshots/video-check-phone.png', fullPage: true });
});

test('the check page asks a visitor to log in, and its signalling refuses them', async ({ page, request }) => {
  await page.goto('/video/check');
  await expect(page).toHaveURL(/\/login/);
  const refused = await request.get('/video/check/signal');
  expect(refused.status()).toBe(401);
});

// A network that blocks UDP (some hospitals' guest Wi-Fi): Chromium's own policy that takes UDP
// away from WebRTC (the profile's `webrtc.ip_handling_policy`, as an administrator sets it). The
// page's connections are kept to read their statistics, and `mode` changes what the page asks
// for: `direct` drops the TURN relays the portal hands out, so the only way left is ICE over TCP
// on VIDEO_TCP_PORT; `relayed` allows nothing but relays, so media must go through the
// program's TURN server (scripts/e2e.sh starts coturn and names it in VIDEO_TURN_URLS) with the
// credentials the portal gave this browser.
async function checkWithoutUdp(info: TestInfo, mode: 'direct' | 'relayed') {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-udpless-'));
  fs.mkdirSync(path.join(profile, 'Default'));
  fs.writeFileSync(
    path.join(profile, 'Default', 'Preferences'),
    JSON.stringify({ webrtc: { ip_handling_policy: 'disable_non_proxied_udp' } }),
  );
  const launch = info.project.use.launchOptions ?? {};
  const context = await chromium.launchPersistentContext(profile, {
    ...launch,
    baseURL: info.project.use.baseURL,
  });
  try {
    const applicant = context.pages()[0] ?? (await context.newPage());
    await loginAs(applicant, 'dev.shah@demo.test', /\/my-programs$/);
    await applicant.addInitScript((mode) => {
      const Native = window.RTCPeerConnection;
      const kept: { peer: RTCPeerConnection; relays: number }[] = [];
      (window as unknown as { peers: typeof kept }).peers = kept;
      window.RTCPeerConnection = class extends Native {
        constructor(config: RTCConfiguration = {}) {
          const relays = config.iceServers?.length ?? 0;
          super(
            mode === 'direct'
              ? { ...config, iceServers: [] }
              : { ...config, iceTransportPolicy: 'relay' },
          );
          kept.push({ peer: this, relays });
        }
      } as typeof RTCPeerConnection;
    }, mode);
    await open(applicant, '/video/check');
    await applicant.getByRole('button', { name: 'Turn on the camera and microphone' }).click();
    await expect(applicant.locator('#check-camera-status')).toHaveAttribute('data-state', 'done');
    await applicant.getByRole('button', { name: 'Test the connection' }).click();
    const status = applicant.locator('#check-connection-status');
    await expect(status).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
    expect(Number(await status.getAttribute('data-frames'))).toBeGreaterThan(0);
    expect(Number(await status.getAttribute('data-audio-packets'))).toBeGreaterThan(0);
    // The chosen pair's own end: its kind (host, relay), its protocol, and for a relay how the
    // browser reaches the TURN server.
    return await applicant.evaluate(async () => {
      const peers = (window as unknown as { peers: { peer: RTCPeerConnection; relays: number }[] })
        .peers;
      const { peer, relays } = peers[peers.length - 1];
      const stats = await peer.getStats();
      let chosen = { type: '', protocol: '', relayProtocol: '', relays };
      stats.forEach((s) => {
        if (s.type === 'transport' && s.selectedCandidatePairId) {
          const local = stats.get(stats.get(s.selectedCandidatePairId).localCandidateId);
          chosen = {
            type: local.candidateType,
            protocol: local.protocol,
            relayProtocol: local.relayProtocol ?? '',
            relays,
          };
        }
      });
      return chosen;
    });
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

test('a browser whose network blocks UDP reaches the video server over TCP', async ({}, info) => {
  test.setTimeout(90_000);
  const chosen = await checkWithoutUdp(info, 'direct');
  // The browser's own TCP connection (an active TCP candidate is known by the address its
  // connection came from: peer-reflexive), no relay.
  expect(chosen).toMatchObject({ protocol: 'tcp', relayProtocol: '' });
  expect(chosen.type).not.toBe('relay');
});

test('a browser that may only use relays goes through the program TURN server', async ({}, info) => {
  test.setTimeout(90_000);
  const chosen = await checkWithoutUdp(info, 'relayed');
  // The portal handed out its TURN servers (two URLs, one server), and coturn allocated a relay
  // with their credentials, reached over TCP as UDP is blocked.
  expect(chosen).toMatchObject({ type: 'relay', relayProtocol: 'tcp', relays: 1 });
});
