import type { Page } from 'playwright-core';

/** The little of the DOM the in-page functions use (the e2e tests are type-checked without the DOM library). */
export interface PageEl {
  readonly tagName: string;
  readonly className: string;
  readonly textContent: string | null;
  readonly offsetParent: unknown;
  readonly scrollWidth: number;
  readonly scrollHeight: number;
  readonly clientWidth: number;
  readonly clientHeight: number;
  querySelector(selector: string): PageEl | null;
  querySelectorAll(selector: string): Iterable<PageEl>;
  getAttribute(name: string): string | null;
}

/** Which elements to look at, and what a person would not call cut. */
export interface OverflowCheck {
  /** The elements under the root that must hold their text (buttons, tags, headers, labels …). */
  readonly selector: string;
  /** Tags whose text may wrap onto more lines (only content wider than the element counts); default LABEL. */
  readonly wrapping?: readonly string[];
  /** An element with a title shows its whole text on hover: an ellipsis there is fine. */
  readonly titleExplains?: boolean;
}

/**
 * The visible elements under `root` whose text is cut or spills out of their box, each as
 * `tag.class: "text" scroll WxH in client WxH`: what the browser tests expect to be empty in every language.
 */
export async function overflowing(page: Page, root: string, check: OverflowCheck): Promise<string[]> {
  return page.locator(root).evaluate(
    (node, c) => {
      const out: string[] = [];
      for (const el of (node as unknown as PageEl).querySelectorAll(c.selector)) {
        if (el.offsetParent === null) continue;
        if (el.scrollWidth <= el.clientWidth + 1 && el.scrollHeight <= el.clientHeight + 2) continue;
        if (c.wrapping.includes(el.tagName) && el.scrollWidth <= el.clientWidth + 1) continue;
        if (c.titleExplains && el.getAttribute('title')) continue;
        out.push(`${el.tagName.toLowerCase()}.${el.className}: "${(el.textContent ?? '').trim().slice(0, 60)}" ${el.scrollWidth}x${el.scrollHeight} in ${el.clientWidth}x${el.clientHeight}`);
      }
      return out;
    },
    { selector: check.selector, wrapping: [...(check.wrapping ?? ['LABEL'])], titleExplains: check.titleExplains === true },
  );
}
