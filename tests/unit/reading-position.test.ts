import { describe, expect, it } from 'vitest';
import {
	measure,
	newest,
	progressLabel,
	samePlace,
	scrollTarget,
	type ReaderLayout
} from '$lib/reading/position';

/** A text from 200 to 2200 px with three sections, on a 600 px screen, page 2400 px tall. */
const layout = (scrollTop: number, overrides: Partial<ReaderLayout> = {}): ReaderLayout => ({
	textTop: 200,
	textHeight: 2000,
	headings: [
		{ id: 'section-one', top: 200 },
		{ id: 'section-two', top: 900 },
		{ id: 'section-three', top: 1600 }
	],
	scrollTop,
	viewportHeight: 600,
	documentHeight: 2400,
	...overrides
});

describe('measure', () => {
	it('is the fraction of the text above the top of the screen, and the section being read', () => {
		expect(measure(layout(1200))).toEqual({ fraction: 0.5, anchor: 'section-two' });
		expect(measure(layout(0))).toEqual({ fraction: 0, anchor: null });
	});

	it('counts a heading just below the top edge as the section being read', () => {
		expect(measure(layout(895)).anchor).toBe('section-two');
		expect(measure(layout(880)).anchor).toBe('section-one');
	});

	it('counts the bottom of the page as read to the end', () => {
		expect(measure(layout(1800))).toEqual({ fraction: 1, anchor: 'section-three' });
	});
});

describe('scrollTarget', () => {
	it('puts the reader back where they were on the same layout', () => {
		const at = measure(layout(1234));
		expect(scrollTarget(layout(0), at)).toBe(1234);
	});

	it('keeps the place within its section when another layout moved the sections', () => {
		// Saved halfway through section two on a wide screen; on a phone the text is twice as long.
		const at = measure(layout(1250));
		const phone = layout(0, {
			textHeight: 4000,
			documentHeight: 4400,
			headings: [
				{ id: 'section-one', top: 200 },
				{ id: 'section-two', top: 1600 },
				{ id: 'section-three', top: 3000 }
			]
		});
		const y = scrollTarget(phone, at);
		expect(y).toBeGreaterThanOrEqual(1600);
		expect(y).toBeLessThan(3000);
		expect(measure({ ...phone, scrollTop: y }).anchor).toBe('section-two');
	});

	it('goes to the heading when the fraction falls outside its section', () => {
		const y = scrollTarget(layout(0), { fraction: 0.9, anchor: 'section-one' });
		expect(y).toBe(200);
	});

	it('uses the fraction alone when the anchor is gone (the seller rewrote the text)', () => {
		expect(scrollTarget(layout(0), { fraction: 0.25, anchor: 'section-gone' })).toBe(700);
	});

	it('goes to the bottom for an item read to the end', () => {
		expect(scrollTarget(layout(0), { fraction: 1, anchor: 'section-three' })).toBe(1800);
	});
});

describe('newest', () => {
	const early = { fraction: 0.2, anchor: null, at: '2026-11-01T10:00:00.000Z' };
	const late = { fraction: 0.1, anchor: null, at: '2026-11-01T11:00:00+01:00' };
	const later = { fraction: 0.6, anchor: null, at: '2026-11-01T10:30:00Z' };

	it('keeps the position made last by its device clock, time zones included', () => {
		expect(newest(early, later)).toBe(later);
		expect(newest(later, early)).toBe(later);
		expect(newest(late, early)).toBe(late);
		expect(newest(late, later)).toBe(later);
	});

	it('takes whichever exists, and the first on a tie', () => {
		expect(newest(null, early)).toBe(early);
		expect(newest(early, undefined)).toBe(early);
		expect(newest(null, null)).toBeNull();
		const same = { ...early, fraction: 0.9 };
		expect(newest(early, same)).toBe(early);
	});
});

describe('samePlace and progressLabel', () => {
	it('treats a tiny scroll as the same place, another section as another', () => {
		expect(samePlace({ fraction: 0.5, anchor: 'a' }, { fraction: 0.503, anchor: 'a' })).toBe(true);
		expect(samePlace({ fraction: 0.5, anchor: 'a' }, { fraction: 0.5, anchor: 'b' })).toBe(false);
		expect(samePlace({ fraction: 0.5, anchor: 'a' }, { fraction: 0.52, anchor: 'a' })).toBe(false);
	});

	it('rounds progress down, so nothing reads 100% before its end', () => {
		expect(progressLabel(0.999)).toBe('99% read');
		expect(progressLabel(1)).toBe('Finished');
	});
});
