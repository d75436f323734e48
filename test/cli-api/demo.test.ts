// `npm run demo` against a running API: the in-process API on DynamoDB Local and the local
// engine, with a fast clock (a workflow day in 100 ms) so Palangkaraya's stalled PKS escalates
// within a second. The demo replays every story, waits for the escalation and prints its table.
// When nothing answers, the demo starts local mode itself: here a stand-in for
// local/local-mode.ts's startLocalMode hands it the same API (the real one is verified with
// local mode itself).
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO_DATA_DIR, runDemo } from '../../cli/demo.ts';
import type { CliIo } from '../../cli/shared.ts';
import { startApiHarness, type ApiHarness } from '../support/api.ts';

let h: ApiHarness;
let host: string;
beforeAll(async () => {
  h = await startApiHarness({ dayMs: 100 });
  host = await h.token({ role: 'host', email: 'kerjasama@bandung.example.go.id' });
});
afterAll(async () => {
  await h.close();
});

function capture(): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (chunk: string) => (out += chunk) },
    stderr: { write: (chunk: string) => (err += chunk) },
    env: {},
    out: () => out,
    err: () => err,
  };
}

interface Listed {
  id: string;
  title: string;
  stage: string;
  partnerRegion: { code: string };
}

describe('npm run demo against a running API', () => {
  const io = capture();
  let code: number;

  beforeAll(async () => {
    code = await runDemo(['--api', h.api.endpoint, '--token', host, '--timeout', '20'], {
      io,
      pollMs: 20,
    });
    // Eight stories, the escalation and an expiry: longer than the default on a busy machine.
  }, 90_000);

  it('replays every story, one progress line per step, and ends with its table', () => {
    // Exit code 0, or what went wrong.
    expect(code === 0 ? 0 : io.err()).toBe(0);
    const progress = io.err();
    expect(progress).toContain('answers; replaying the stories');
    expect(progress).toMatch(
      /\[2\/6\] Kabupaten Kubu Raya: registered as \S+ with 8 milestones, KSB 2018-12-14 \.\. 2019-07-01: stage COMPLETED/,
    );
    expect(progress).toContain('imported in one batch: created 7, rejected 0');
    expect(progress).toMatch(/\[4\/6\] Kabupaten Pinrang: .* then cancelled: stage CANCELLED/);
    expect(progress).toMatch(
      /ESCALATION #\d+ sent \S+ to .*sekda@palangkarayakota\.example\.go\.id/,
    );
    expect(progress).toMatch(/escalated to the Sekda after \d+ nudges/);
    // The terms: Gianyar's PKS runs out (a notice, then the expiry), Kolaka's is renewed in time.
    expect(progress).toMatch(/Kabupaten Gianyar: expiry notice \(\d+ days before\) sent/);
    expect(progress).toMatch(/Kabupaten Gianyar: TERM_EXPIRED \S+, the coordinators told/);
    expect(progress).toMatch(
      /Kabupaten Kolaka: .* renewed in time \(TERM_RENEWED until \S+\): term IN_FORCE/,
    );

    const table = io.out().split('\n');
    expect(table[0]).toMatch(
      /^AGREEMENT\s+STORY\s+STAGE\s+MOU\s+PKS\s+HANDOVER\s+TRAINING\s+FOLLOW_UP\s+REMINDERS\s+ESCALATIONS$/,
    );
    const row = (partner: string) => table.find((line) => line.startsWith(partner)) ?? '';
    // Kubu Raya: PKS 2018-12-14..2019-02-22 (70 days), handover to 2019-03-11 (17), training
    // to 2019-04-10 (30), follow-up to 2019-07-01 (82); MOU before registration is unknown.
    expect(row('Kab. Kubu Raya')).toMatch(
      /full cycle\s+COMPLETED\s+-\s+70\s+17\s+30\s+82\s+\d+\s+0$/,
    );
    // The opening nudge, two reminders, the escalation (and maybe more since).
    const stalled = /PKS stalled\s+PKS\s+-\s+\d+\+\s+-\s+-\s+-\s+(\d+)\s+(\d+)$/.exec(
      row('Kota Palangkaraya'),
    );
    expect(Number(stalled?.[1])).toBeGreaterThanOrEqual(4);
    expect(Number(stalled?.[2])).toBeGreaterThanOrEqual(1);
    expect(row('Kab. Pinrang')).toMatch(/cancelled\s+CANCELLED\s+-\s+\d+\s+-\s+-\s+-/);
    for (const partner of [
      'Kab. Kerinci',
      'Kab. Serdang Bedagai',
      'Kab. Sarolangun',
      'Kab. Mempawah',
      'Kab. Tasikmalaya',
      'Kota Tanjung Pinang',
      'Kab. Aceh Tengah',
    ]) {
      expect(row(partner)).toMatch(/KSB 30 Oct 2018\s+PKS\s+-\s+\d+\+/);
    }
    // Ten stories of the implementation and the two of the term.
    expect(table.filter((line) => /^(Kab\.|Kota) /.test(line))).toHaveLength(12);
  });

  it('left the agreements in the API, the escalation emailed to the Sekda', async () => {
    const answer = await h.call({ path: '/agreements?limit=100', token: host });
    const items = answer.body.items as Listed[];
    expect(items).toHaveLength(12);
    expect(items.filter((a) => a.stage === 'PKS')).toHaveLength(8);
    const emails = await h.ses.emails();
    expect(
      emails.some((e) => e.destination.to.includes('sekda@palangkarayakota.example.go.id')),
    ).toBe(true);
  });

  it('starts local mode itself when nothing answers on loopback, and stops it at the end', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo;
        server.close(() => {
          resolve(port);
        });
      });
    });
    const started: unknown[] = [];
    let stopped = 0;
    const again = capture();
    const rerun = await runDemo(['--api', `http://127.0.0.1:${closedPort}`, '--timeout', '20'], {
      io: again,
      pollMs: 20,
      startLocalMode: (options) => {
        started.push(options);
        return Promise.resolve({
          apiUrl: h.api.endpoint,
          token: (identity) => h.token(identity),
          stop: () => {
            stopped += 1;
            return Promise.resolve();
          },
        });
      },
    });
    expect(rerun === 0 ? 0 : again.err()).toBe(0);
    // In its own folder (issue 21): npm start's clock stays at today.
    expect(started).toEqual([{ timeScale: 86_400 * 7, quiet: true, dataDir: DEMO_DATA_DIR }]);
    expect(stopped).toBe(1);
    expect(again.err()).toMatch(
      /no local mode answers \(http:\/\/127\.0\.0\.1:\d+: .*\); starting one in /,
    );
    expect(again.err()).toContain('stopping the local mode it started');
    // A run of its own: ten new agreements, none replayed.
    expect(again.err()).not.toContain('replayed');
    const answer = await h.call({ path: '/agreements?limit=100', token: host });
    expect(answer.body.items).toHaveLength(24);
  });
});
