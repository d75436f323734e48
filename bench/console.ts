// Console: the coordinator console's initial JavaScript (what index.html loads before the first
// page, gzip) and its time to first contentful paint on loopback in Debian's chromium, against
// an empty page built the same way (bench/console-empty/: Vite with web/vite.config.ts).
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { listenOnLoopback } from '../local/listen.ts';
import {
  fixed,
  kilobytes,
  ratio,
  summarize,
  table,
  verdict,
  type BenchSection,
  type Summary,
} from './report.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CONFIG = path.join(ROOT, 'web', 'vite.config.ts');
const TARGET_BYTES = 150 * 1024;
const LOADS = 20;

interface Built {
  name: string;
  dir: string;
  /** The scripts index.html loads before anything renders: the entry and its preloads. */
  initialScripts: string[];
  initialGzipBytes: number;
}

async function buildPage(name: string, root: string, outDir: string): Promise<Built> {
  await build({
    configFile: CONFIG,
    root,
    logLevel: 'silent',
    build: { outDir, emptyOutDir: true },
  });
  const html = await readFile(path.join(outDir, 'index.html'), 'utf8');
  const initialScripts = [
    ...html.matchAll(/<script[^>]+src="([^"]+)"/g),
    ...html.matchAll(/<link rel="modulepreload"[^>]+href="([^"]+)"/g),
  ].map((match) => match[1] ?? '');
  let bytes = 0;
  for (const script of initialScripts) {
    bytes += gzipSync(await readFile(path.join(outDir, script))).length;
  }
  return { name, dir: outDir, initialScripts, initialGzipBytes: bytes };
}

/** Serves a built page; the console gets its local-mode /config.json (no API is called). */
async function serve(built: Built) {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname === '/config.json') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ apiUrl: 'http://127.0.0.1:9', auth: { kind: 'local' } }));
      return;
    }
    const file = url.pathname.startsWith('/assets/') ? url.pathname : '/index.html';
    readFile(path.join(built.dir, file)).then(
      (body) => {
        const type = file.endsWith('.js')
          ? 'text/javascript'
          : file.endsWith('.css')
            ? 'text/css'
            : 'text/html';
        response.writeHead(200, { 'content-type': type });
        response.end(body);
      },
      () => {
        response.writeHead(404);
        response.end();
      },
    );
  });
  return listenOnLoopback(server);
}

export interface ConsoleData {
  targetBytes: number;
  pages: (Omit<Built, 'dir'> & { firstContentfulPaintMs: Summary })[];
}

export const consoleSection: BenchSection = {
  id: 'console',
  title: 'the coordinator console: initial JavaScript and first contentful paint',
  async run(context) {
    const pages = [
      await buildPage(
        'empty page',
        path.join(ROOT, 'bench', 'console-empty'),
        path.join(context.workDir, 'empty'),
      ),
      await buildPage(
        'console (sign-in page)',
        path.join(ROOT, 'web'),
        path.join(context.workDir, 'console'),
      ),
    ];
    context.progress(`built; ${String(LOADS)} cold loads of each, alternated`);
    const servers = await Promise.all(pages.map(serve));
    const browser = await chromium.launch({
      executablePath: process.env.SEPAKAT_CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox'],
    });
    const samples: number[][] = pages.map(() => []);
    try {
      for (let round = 0; round < LOADS; round++) {
        for (const [i, server] of servers.entries()) {
          // A fresh context each time: nothing cached.
          const browserContext = await browser.newContext();
          const page = await browserContext.newPage();
          await page.goto(server.endpoint, { waitUntil: 'load' });
          const fcp = await page.evaluate<number>(`new Promise((resolve) => {
            new PerformanceObserver((list) => {
              const entry = list.getEntriesByName('first-contentful-paint')[0];
              if (entry) resolve(entry.startTime);
            }).observe({ type: 'paint', buffered: true });
          })`);
          samples[i]?.push(fcp);
          await browserContext.close();
        }
      }
    } finally {
      await browser.close();
      await Promise.all(servers.map((server) => server.close()));
    }
    const data: ConsoleData = {
      targetBytes: TARGET_BYTES,
      pages: pages.map((page, i) => ({
        name: page.name,
        initialScripts: page.initialScripts,
        initialGzipBytes: page.initialGzipBytes,
        firstContentfulPaintMs: summarize(samples[i] ?? []),
      })),
    };
    const [empty, app] = data.pages;
    if (!empty || !app) throw new Error('the console section measured nothing');
    const markdown = [
      '## Console',
      '',
      `The coordinator console built by Vite (\`web/\`) against an empty page built the same way; ` +
        `first contentful paint of ${String(LOADS)} cold loads each on loopback (Debian's chromium, a fresh context per load). ` +
        'The console fetches /config.json before it paints the sign-in page.',
      '',
      table(
        [
          'page',
          'initial JS (gzip)',
          'scripts',
          'FCP median',
          'FCP p95',
          'JS vs empty',
          'FCP vs empty',
          'target 150 KB',
        ],
        data.pages.map((page) => [
          page.name,
          kilobytes(page.initialGzipBytes),
          page.initialScripts.length,
          `${fixed(page.firstContentfulPaintMs.median)} ms`,
          `${fixed(page.firstContentfulPaintMs.p95)} ms`,
          `${fixed(ratio(page.initialGzipBytes, empty.initialGzipBytes), 2)} ×`,
          `${fixed(ratio(page.firstContentfulPaintMs.median, empty.firstContentfulPaintMs.median), 2)} ×`,
          verdict(page.initialGzipBytes <= TARGET_BYTES),
        ]),
      ),
    ].join('\n');
    return { markdown, data };
  },
};
