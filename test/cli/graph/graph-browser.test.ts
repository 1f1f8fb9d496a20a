/**
 * The SVG pictures in a real browser (issue #15): Debian's chromium (.ci/system-deps.sh), driven by
 * playwright-core, loads each picture the CLI drew from the test world, and the test checks it by
 * content: the zone names are rendered text of the page, the failing edge's computed stroke is red,
 * and the screenshot has red pixels inside that edge's box (and none at all in the secure picture).
 * Skipped, saying why, only when chromium is not installed.
 */
import { expect } from 'chai';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { CliWorld } from '../../support/cli-world.ts';
import { drawWith, graphWorld, PICTURES } from './graph-world.ts';

// What the code passed to page.evaluate uses of the browser's globals, declared for the type checker
// only (the test project has no DOM library; these run in the page, never in node).
interface PageElement { getBoundingClientRect(): { x: number; y: number; width: number; height: number }; querySelector(s: string): PageElement | null; textContent: string | null }
declare const document: { documentElement: PageElement; querySelector(s: string): PageElement | null; querySelectorAll(s: string): Iterable<PageElement> };
declare function getComputedStyle(e: PageElement): { stroke: string };
declare function createImageBitmap(b: Blob): Promise<{ width: number; height: number }>;
declare class OffscreenCanvas {
  constructor(w: number, h: number);
  getContext(kind: '2d'): { drawImage(img: unknown, x: number, y: number): void; getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null;
}

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** Largest viewport used for a screenshot (the pictures of the test world are far smaller). */
const MAX_VIEWPORT = 4000;

interface Box { x: number; y: number; width: number; height: number }

/**
 * The browser's environment: the test's, without libfaketime. Under the shifted-clock run
 * (test/support/shifted-clock.sh) chromium started with it took a minute to launch (once past the
 * launch timeout) and 20-50 s per page (measured); the pictures are made by the CLI in this process,
 * on the shifted clock, and the browser only shows them, so its own clock plays no part.
 */
function browserEnv(): Record<string, string> {
  const env = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined));
  const preload = (env.LD_PRELOAD ?? '').split(':').filter((p) => p && !p.includes('libfaketime'));
  if (preload.length > 0) env.LD_PRELOAD = preload.join(':');
  else delete env.LD_PRELOAD;
  return env;
}

/** Loads an SVG file, sizes the viewport to it and takes a screenshot (playwright's fullPage hangs on a bare SVG document). */
async function show(page: Page, file: string): Promise<Buffer> {
  await page.goto(`file://${file}`);
  const size = await page.evaluate(() => {
    const r = document.documentElement.getBoundingClientRect();
    return { width: Math.ceil(r.width), height: Math.ceil(r.height) };
  });
  await page.setViewportSize({ width: Math.min(size.width, MAX_VIEWPORT), height: Math.min(size.height, MAX_VIEWPORT) });
  return page.screenshot({ type: 'png' });
}

/** Red pixels (as the browser decodes the PNG) inside `box`, or in the whole image without one. */
async function redPixels(page: Page, png: Buffer, box?: Box): Promise<number> {
  return page.evaluate(async ({ data, box }) => {
    // The page is an SVG document: an OffscreenCanvas, not an HTML <canvas>.
    const img = await createImageBitmap(await (await fetch(`data:image/png;base64,${data}`)).blob());
    const canvas = new OffscreenCanvas(img.width, img.height);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const b = box ?? { x: 0, y: 0, width: img.width, height: img.height };
    const px = ctx.getImageData(Math.floor(b.x), Math.floor(b.y), Math.max(1, Math.ceil(b.width)), Math.max(1, Math.ceil(b.height))).data;
    let n = 0;
    for (let i = 0; i < px.length; i += 4) if (px[i]! > 170 && px[i + 1]! < 80 && px[i + 2]! < 80) n++;
    return n;
  }, { data: png.toString('base64'), box });
}

/** The rendered text of the SVG's <text> elements, as the page has them. */
function texts(page: Page): Promise<string[]> {
  return page.evaluate(() => [...document.querySelectorAll('text')].map((t) => t.textContent ?? ''));
}

describe('cli --graph: the SVG in a headless chromium', function () {
  this.timeout(180_000);
  let w: CliWorld;
  let ctx: BrowserContext;
  let page: Page;
  let profile: string;
  const files: Record<keyof typeof PICTURES, string> = {} as never;

  before(async function () {
    if (!existsSync(CHROMIUM)) {
      console.log(`      (skipped: ${CHROMIUM} is missing; install Debian's chromium, as .ci/system-deps.sh does)`);
      this.skip();
    }
    w = await graphWorld();
    for (const [k, args] of Object.entries(PICTURES)) {
      const file = join(w.dir, `${k}.svg`);
      const out = await drawWith(w, args, file);
      expect(out.stderr, k).to.contain('chain of trust written');
      files[k as keyof typeof PICTURES] = file;
    }
    const { chromium } = await import('playwright-core');
    profile = mkdtempSync(join(tmpdir(), 'dane-verify-chromium-'));
    ctx = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: ARGS, timeout: 60_000, env: browserEnv() });
    page = await ctx.newPage();
  });
  after(async () => {
    await ctx?.close();
    await w?.world.close();
    if (w) rmSync(w.dir, { recursive: true, force: true });
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('secure: the zone names are rendered text, and not one red pixel', async () => {
    const png = await show(page, files.secure);
    const t = await texts(page);
    for (const zone of ['. (root)', 'example.', 'good.example.']) expect(t).to.include(zone);
    expect(t.some((x) => x.startsWith('_25._tcp.mx.good.example. TLSA') || /^_\d+\._tcp\.mx\.good\.example\. TLSA$/.test(x))).to.equal(true);
    expect(await redPixels(page, png)).to.equal(0);
  });

  for (const [k, label, zone] of [['bogus', 'digest does not match', 'dsbad.example.'], ['badSignature', 'RRSIG A fails', 'corrupt.example.']] as const) {
    it(`${k}: the failing edge (${label}) is drawn red, its pixels red in the screenshot`, async () => {
      const png = await show(page, files[k]);
      expect(await texts(page)).to.include(zone);
      const edge = await page.evaluate((label) => {
        const g = [...document.querySelectorAll('g.edge')].find((e) => e.querySelector('text')?.textContent === label);
        if (!g) return undefined;
        const path = g.querySelector('path')!;
        const r = path.getBoundingClientRect();
        return { stroke: getComputedStyle(path).stroke, box: { x: r.x, y: r.y, width: r.width, height: r.height } };
      }, label);
      expect(edge, `no edge labelled ${label}`).to.not.equal(undefined);
      expect(edge!.stroke).to.equal('rgb(212, 0, 0)');
      // The stroke is 3 px wide: a box of a near-vertical edge may be narrow, so widen it a little.
      const box = { x: Math.max(0, edge!.box.x - 2), y: Math.max(0, edge!.box.y - 2), width: edge!.box.width + 4, height: edge!.box.height + 4 };
      expect(await redPixels(page, png, box)).to.be.greaterThan(10);
      // And the edges that held are not red.
      const others = await page.evaluate((label) => [...document.querySelectorAll('g.edge')].filter((e) => e.querySelector('text')?.textContent !== label).map((e) => getComputedStyle(e.querySelector('path')!).stroke), label);
      expect(others.filter((s) => s === 'rgb(212, 0, 0)')).to.deep.equal([]);
    });
  }

  it('insecure delegation: the unsigned zone and the NSEC proving no DS are there, in black and blue, none red', async () => {
    const png = await show(page, files.insecure);
    const t = await texts(page);
    expect(t).to.include('plain.example.');
    expect(t).to.include('NSEC plain.example.');
    expect(t).to.include('proves no DS (insecure delegation) for plain.example. DS');
    const zone = await page.evaluate(() => getComputedStyle(document.querySelector('g.cluster.insecure path, g.cluster.insecure polygon')!).stroke);
    expect(zone).to.equal('rgb(0, 0, 0)');
    expect(await redPixels(page, png)).to.equal(0);
  });

  it('NSEC3 NXDOMAIN: the hashed NSEC3 records and what they prove, under n3.example.', async () => {
    await show(page, files.nxdomain);
    const t = await texts(page);
    expect(t).to.include('n3.example.');
    expect(t.filter((x) => /^NSEC3 [0-9a-v]{32}\.n3\.example\.$/.test(x)).length).to.be.within(2, 3);
    expect(t.filter((x) => x === 'proves NXDOMAIN for nope.n3.example. A').length).to.be.within(2, 3);
  });
});
