/**
 * print-queue: parts to print → their pages, printed in batches (render/batch.ts) of up to `limits.parts` parts or
 * `limits.characters` of HTML, in the order they were added, so the same parts always print in the same batches.
 * A batch that fails (a part that hangs or crashes Chromium) is printed again part by part: only that part fails.
 */
import { batchDocument, partPages, type PageRange, type PrintedPart } from './batch.js';
import { withoutStructureTree } from './structure-tree.js';

export interface QueueLimits {
  parts: number;
  characters: number;
  /** Parts in the first batch (at most `parts`): a small one starts Chromium's work while the rest is analysed. */
  firstParts?: number;
}

/**
 * Big enough that Chromium's fixed cost is small beside the pages, small enough that each renderer's memory stays
 * low (a cold build of 100 sources peaked about 100 MiB lower in all with 12 parts than with 16, for the same time);
 * the first batch is one source's brief and appendix, so printing starts as soon as the first source is analysed.
 * The limits count parts in the order they are added, never time, so the same parts always print in the same batches.
 */
export const defaultQueueLimits: QueueLimits = { parts: 12, characters: 3_000_000, firstParts: 2 };

interface Waiting {
  html: string;
  name: string;
  resolve: (printed: PrintedPart) => void;
  reject: (error: unknown) => void;
}

export class PrintQueue {
  private waiting: Waiting[] = [];
  private characters = 0;
  /** No batch has been sent yet: the next is the first, of `firstParts`. */
  private first = true;

  constructor(
    /** Prints one HTML document (the build's renderer). */
    private readonly render: (html: string, name: string) => Promise<Uint8Array>,
    private readonly limits: QueueLimits = defaultQueueLimits,
  ) {}

  /** Queues a part; it prints when its batch is full or at `flush`. */
  add(html: string, name: string): Promise<PrintedPart> {
    return new Promise<PrintedPart>((resolve, reject) => {
      this.waiting.push({ html, name, resolve, reject });
      this.characters += html.length;
      const parts = this.first ? Math.min(this.limits.firstParts ?? this.limits.parts, this.limits.parts) : this.limits.parts;
      if (this.waiting.length >= parts || this.characters >= this.limits.characters) this.flush();
    });
  }

  /** Prints whatever is queued now. */
  flush(): void {
    const batch = this.waiting;
    this.waiting = [];
    this.characters = 0;
    if (batch.length === 0) return;
    this.first = false;
    void this.print(batch);
  }

  private async print(batch: Waiting[]): Promise<void> {
    const name = batch.length === 1 ? batch[0]!.name : `${batch[0]!.name}+${batch.length - 1}`;
    let pdf: Uint8Array;
    let ranges: PageRange[];
    const { html, markers } = batchDocument(batch.map((part) => part.html));
    try {
      // Cached and loaded by every later assembly: without the structure tree nobody uses, it loads 3–4 times faster.
      pdf = withoutStructureTree(await this.render(html, name));
      ranges = await partPages(pdf, markers);
    } catch (error) {
      if (batch.length === 1) batch[0]!.reject(error);
      else for (const part of batch) void this.print([part]);
      return;
    }
    batch.forEach((part, index) => part.resolve({ pdf, marker: markers[index]!, ...ranges[index]! }));
  }
}
