/**
 * pdf: HTML → PDF bytes with puppeteer driving Debian's Chromium. One browser per build and a bounded pool of reused
 * pages. Each page has JavaScript disabled and answers its own document from memory; every other request is refused
 * (remote images, CSS imports, file: URLs), so nothing in a source can reach the network or the disk.
 * A document that hangs fails alone after a time-out; a browser that crashes or hangs is replaced and the documents
 * that were printing on it are tried once more.
 */
import { existsSync } from 'node:fs';
import puppeteer, { TimeoutError, type Browser, type HTTPRequest, type Page } from 'puppeteer-core';

export { documentOrigin } from './origin.js';

export interface PdfOptions {
  /** How many pages print at once (default: 2). */
  jobs?: number;
  /** Chromium binary; default `MDBRIEF_CHROMIUM` or Debian's `/usr/bin/chromium`. */
  executablePath?: string;
  /** Time allowed for one document, in ms (default 60 s). */
  timeout?: number;
}

export function chromiumPath(): string {
  const candidates = [process.env['MDBRIEF_CHROMIUM'], '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const found = candidates.find((candidate): candidate is string => !!candidate && existsSync(candidate));
  if (!found) throw new Error("Chromium not found: install Debian's chromium (make setup) or set MDBRIEF_CHROMIUM");
  return found;
}

async function launchBrowser(executablePath: string): Promise<Browser> {
  const browser = await puppeteer.launch({
    executablePath,
    headless: true,
    // The build decides what a signal means: it closes the browser itself and releases its lock.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    args: [
      // Root cannot use Chromium's sandbox; the page runs no JavaScript and loads nothing from outside.
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
      '--font-render-hinting=none',
      // Memory: no spare renderer kept warm, no background features with processes of their own. Chromium 156 also
      // preloads its omnibox popup (a WebUI renderer) with every browser window, headless too: about 1 s of CPU each.
      '--disable-features=SpareRendererForSitePerProcess,Translate,MediaRouter,OptimizationHints,BackForwardCache,WebUIOmniboxPopup,WebUIOmniboxAimPopup',
      '--disable-extensions',
    ],
  });
  // The tab a browser opens with holds a renderer of its own: the build prints on pages it opens itself.
  for (const page of await browser.pages()) await page.close();
  return browser;
}

interface Slot {
  page: Page;
  generation: number;
  /** Each pooled page serves from its own site (`https://mdbrief-<n>.invalid`), so Chromium gives it its own
   * renderer process: a long document's layout never stalls the page printing beside it. */
  origin: string;
}

export class PdfRenderer {
  private browser: Promise<Browser>;
  /** Bumped at each restart: pages of an older browser are never reused. */
  private generation = 0;
  private idle: Slot[] = [];
  private opened = 0;
  private readonly waiting: Array<() => void> = [];
  private requests = 0;
  private closed = false;

  private constructor(
    browser: Browser,
    private readonly executablePath: string,
    private readonly jobs: number,
    private readonly timeout: number,
  ) {
    this.browser = Promise.resolve(browser);
  }

  static async launch(options: PdfOptions = {}): Promise<PdfRenderer> {
    const executablePath = options.executablePath ?? chromiumPath();
    const browser = await launchBrowser(executablePath);
    return new PdfRenderer(browser, executablePath, Math.max(1, options.jobs ?? 2), options.timeout ?? 60_000);
  }

  /** Prints one HTML document to an A4 PDF with a document outline (bookmarks) from its headings. */
  async render(html: string, name: string): Promise<Uint8Array> {
    for (let attempt = 0; ; attempt++) {
      const slot = await this.acquire();
      try {
        return await this.print(slot, html, name);
      } catch (error) {
        if (this.closed) throw new Error('the build was stopped');
        const timedOut = error instanceof TimeoutError;
        // A stuck or crashed page can take the browser with it: start a fresh one for everything after.
        await this.restart(slot.generation);
        if (timedOut) throw new Error(`Chromium did not finish printing ${name} within ${this.timeout / 1000} s`);
        if (attempt >= 1) throw new Error(`Chromium failed while printing ${name}: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        this.release(slot);
      }
    }
  }

  /** Closes the browser (kills it if it does not close in time). Further renders fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const wake of this.waiting.splice(0)) wake();
    await closeBrowser(this.browser);
  }

  private async print({ page, origin }: Slot, html: string, name: string): Promise<Uint8Array> {
    const url = `${origin}/${this.requests++}/${encodeURIComponent(name)}.html`;
    const serve = (request: HTTPRequest) => {
      if (request.isInterceptResolutionHandled()) return;
      if (request.url() === url) void request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
      else void request.abort('blockedbyclient');
    };
    page.on('request', serve);
    // One deadline for the whole print: loading and printing each within the time-out could take twice as long.
    const deadline = performance.now() + this.timeout;
    try {
      await page.goto(url, { waitUntil: 'load', timeout: this.timeout });
      const left = deadline - performance.now();
      if (left <= 0) throw new TimeoutError(`loading ${name} used up the ${this.timeout} ms allowed`);
      return await page.pdf({
        format: 'A4',
        printBackground: true,
        preferCSSPageSize: true,
        outline: true,
        // No tagged structure: the assembler cannot carry it across parts, and it costs time to make.
        tagged: false,
        timeout: left,
      });
    } finally {
      page.off('request', serve);
    }
  }

  private async acquire(): Promise<Slot> {
    for (;;) {
      if (this.closed) throw new Error('the build was stopped');
      const generation = this.generation;
      const browser = await this.browser;
      const idle = this.idle.pop();
      if (idle && generation === this.generation) return idle;
      if (this.opened < this.jobs && generation === this.generation) {
        const origin = `https://mdbrief-${this.opened}.invalid`;
        this.opened++;
        try {
          const page = await browser.newPage();
          await page.setJavaScriptEnabled(false);
          await page.setRequestInterception(true);
          return { page, generation, origin };
        } catch (error) {
          if (generation === this.generation) this.opened--;
          if (generation === this.generation) throw error;
          continue; // the browser was replaced meanwhile: try on the new one
        }
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  private release(slot: Slot): void {
    if (slot.generation === this.generation && !this.closed) this.idle.push(slot);
    this.waiting.shift()?.();
  }

  private async restart(generation: number): Promise<void> {
    if (generation !== this.generation || this.closed) {
      await this.browser.catch(() => undefined);
      return;
    }
    this.generation++;
    const old = this.browser;
    this.idle = [];
    this.opened = 0;
    this.browser = launchBrowser(this.executablePath);
    void closeBrowser(old);
    for (const wake of this.waiting.splice(0)) wake();
    await this.browser;
  }
}

/** Closes a browser, or kills its process when it does not answer within a few seconds. */
async function closeBrowser(browser: Promise<Browser>): Promise<void> {
  let instance: Browser;
  try {
    instance = await browser;
  } catch {
    return;
  }
  const killed = new Promise<void>((resolve) =>
    setTimeout(() => {
      instance.process()?.kill('SIGKILL');
      resolve();
    }, 5_000).unref(),
  );
  await Promise.race([instance.close().catch(() => instance.process()?.kill('SIGKILL')), killed]);
}
