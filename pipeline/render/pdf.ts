/**
 * pdf: HTML → PDF bytes with puppeteer driving Debian's Chromium. One browser per build and a bounded pool of reused
 * pages. Each page has JavaScript disabled and answers its own document from memory; every other request is refused
 * (remote images, CSS imports, file: URLs), so nothing in a source can reach the network or the disk.
 */
import { existsSync } from 'node:fs';
import puppeteer, { type Browser, type HTTPRequest, type Page } from 'puppeteer-core';

/** The origin our documents are served from; `.invalid` can never resolve, so a leaked request goes nowhere. */
export const documentOrigin = 'https://mdbrief.invalid';

export interface PdfOptions {
  /** How many pages print at once (default: 2). */
  jobs?: number;
  /** Chromium binary; default `MDBRIEF_CHROMIUM` or Debian's `/usr/bin/chromium`. */
  executablePath?: string;
  /** Time allowed for one document, in ms. */
  timeout?: number;
}

export function chromiumPath(): string {
  const candidates = [process.env['MDBRIEF_CHROMIUM'], '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const found = candidates.find((candidate): candidate is string => !!candidate && existsSync(candidate));
  if (!found) throw new Error('Chromium not found: install Debian\'s chromium (make setup) or set MDBRIEF_CHROMIUM');
  return found;
}

export class PdfRenderer {
  private readonly idle: Page[] = [];
  private readonly waiting: Array<(page: Page) => void> = [];
  private opened = 0;
  private requests = 0;

  private constructor(
    private readonly browser: Browser,
    private readonly jobs: number,
    private readonly timeout: number,
  ) {}

  static async launch(options: PdfOptions = {}): Promise<PdfRenderer> {
    const browser = await puppeteer.launch({
      executablePath: options.executablePath ?? chromiumPath(),
      headless: true,
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
      ],
    });
    return new PdfRenderer(browser, Math.max(1, options.jobs ?? 2), options.timeout ?? 60_000);
  }

  /** Prints one HTML document to an A4 PDF with a document outline (bookmarks) from its headings. */
  async render(html: string, name: string): Promise<Uint8Array> {
    const page = await this.acquire();
    try {
      const url = `${documentOrigin}/${this.requests++}/${encodeURIComponent(name)}.html`;
      const serve = (request: HTTPRequest) => {
        if (request.isInterceptResolutionHandled()) return;
        if (request.url() === url) {
          void request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
        } else {
          void request.abort('blockedbyclient');
        }
      };
      page.on('request', serve);
      try {
        await page.goto(url, { waitUntil: 'load', timeout: this.timeout });
        const pdf = await page.pdf({
          format: 'A4',
          printBackground: true,
          preferCSSPageSize: true,
          outline: true,
          // No tagged structure: the assembler cannot carry it across parts, and it costs time to make.
          tagged: false,
          timeout: this.timeout,
        });
        return pdf;
      } finally {
        page.off('request', serve);
      }
    } finally {
      this.release(page);
    }
  }

  async close(): Promise<void> {
    await this.browser.close();
  }

  private async acquire(): Promise<Page> {
    const page = this.idle.pop();
    if (page) return page;
    if (this.opened < this.jobs) {
      this.opened++;
      const created = await this.browser.newPage();
      await created.setJavaScriptEnabled(false);
      await created.setRequestInterception(true);
      return created;
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(page: Page): void {
    const next = this.waiting.shift();
    if (next) next(page);
    else this.idle.push(page);
  }
}
