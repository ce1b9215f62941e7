/**
 * Where a reader is in an item, and where to put them back: pure rules shared by the read page
 * (which measures and restores), the library (which shows progress) and the server (which keeps
 * the newest). Unit-tested without a browser.
 */

/** A place in an item, as the reader's device saw it at `at` (ISO 8601, the device's clock). */
export interface ReadingPosition {
	/** How far into the text the top of the screen is: 0 at its start, 1 read to the end. */
	fraction: number;
	/** The id of the heading of the section being read, if the text has headings above it. */
	anchor: string | null;
	at: string;
}

/** The read page as laid out now, in document coordinates (pixels from the top of the page). */
export interface ReaderLayout {
	/** Where the text starts, and its height. */
	textTop: number;
	textHeight: number;
	/** Headings with ids, in document order. */
	headings: { id: string; top: number }[];
	/** The scroll position (top of the screen) and the screen's height. */
	scrollTop: number;
	viewportHeight: number;
	documentHeight: number;
}

/** Pixels of slack: a heading just under the top edge still names the section being read. */
const SLACK = 8;

const clamp = (n: number) => Math.min(1, Math.max(0, n));

/** Where the reader is now. Scrolled to the bottom of the page counts as read to the end. */
export function measure(layout: ReaderLayout): Omit<ReadingPosition, 'at'> {
	const { textTop, textHeight, headings, scrollTop, viewportHeight, documentHeight } = layout;
	const atEnd = scrollTop + viewportHeight >= documentHeight - SLACK;
	const fraction = atEnd ? 1 : textHeight > 0 ? clamp((scrollTop - textTop) / textHeight) : 0;
	const above = headings.filter((h) => h.top <= scrollTop + SLACK);
	return { fraction: Math.round(fraction * 10_000) / 10_000, anchor: above.at(-1)?.id ?? null };
}

/**
 * The scroll position that puts the reader back. The fraction is exact on the same layout; on
 * another (a phone's narrower column, a new font size) it may point into another section, so
 * the anchor wins: the place is kept within the anchor's section, or moved to its heading.
 */
export function scrollTarget(layout: ReaderLayout, position: Omit<ReadingPosition, 'at'>) {
	const { textTop, textHeight, headings, viewportHeight, documentHeight } = layout;
	if (position.fraction >= 1) return Math.max(0, documentHeight - viewportHeight);
	let y = textTop + position.fraction * textHeight;
	const index = headings.findIndex((h) => h.id === position.anchor);
	if (index >= 0) {
		const start = headings[index].top;
		const end = headings[index + 1]?.top ?? textTop + textHeight;
		if (y < start || y >= end) y = start;
	}
	return Math.max(0, Math.round(y));
}

/** The newer of two positions by the device clocks that made them (the first on a tie). */
export function newest<T extends ReadingPosition>(
	a: T | null | undefined,
	b: T | null | undefined
) {
	if (!a) return b ?? null;
	if (!b) return a;
	return Date.parse(b.at) > Date.parse(a.at) ? b : a;
}

/** Whether two positions are the same place (not worth saving again). */
export const samePlace = (a: Omit<ReadingPosition, 'at'>, b: Omit<ReadingPosition, 'at'>) =>
	a.anchor === b.anchor && Math.abs(a.fraction - b.fraction) < 0.005;

/** "45% read" (the percentage written the visitor's way: "45 % read" in French), or "Finished". */
export function progressLabel(fraction: number, locale = 'en') {
	if (fraction >= 1) return 'Finished';
	const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
	return `${percent.format(Math.floor(fraction * 100) / 100)} read`;
}
