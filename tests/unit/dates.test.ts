import { describe, expect, it } from 'vitest';
import { formatDay } from '$lib/dates';

describe('formatDay', () => {
	it('writes a day in the visitor’s locale, in UTC wherever it runs', () => {
		const late = new Date('2026-12-01T23:30:00Z');
		expect(formatDay(late, 'en')).toBe('Dec 1, 2026');
		expect(formatDay(late, 'de-DE')).toBe('01.12.2026');
		expect(formatDay('2026-12-01T23:30:00-05:00', 'fr', 'long')).toBe('2 décembre 2026');
	});
});
