import { describe, expect, it } from 'vitest';
import { negotiateLocale } from '$lib/server/locale';

describe('negotiateLocale', () => {
	it('takes the visitor’s most preferred language that Intl can format', () => {
		expect(negotiateLocale('de-CH,de;q=0.9,en;q=0.8')).toBe('de-CH');
		expect(negotiateLocale('fr-CA')).toBe('fr-CA');
		expect(negotiateLocale('tlh,pt-BR;q=0.5')).toBe('pt-BR');
	});

	it('honours quality values, whatever their order in the header', () => {
		expect(negotiateLocale('en;q=0.3, ja;q=0.9, de;q=0.5')).toBe('ja');
		expect(negotiateLocale('de;q=0, fr')).toBe('fr');
	});

	it('falls back to a supported parent locale, then to English', () => {
		expect(negotiateLocale('en-ZZ')).toBe('en');
		expect(negotiateLocale('tlh, xx')).toBe('en');
		expect(negotiateLocale('*')).toBe('en');
		expect(negotiateLocale('')).toBe('en');
		expect(negotiateLocale(null)).toBe('en');
	});

	it('keeps base names only, so a header cannot pick a numbering system or a calendar', () => {
		expect(negotiateLocale('ar-EG-u-nu-latn')).toBe('ar-EG');
		expect(negotiateLocale('th-TH-u-ca-buddhist')).toBe('th-TH');
	});

	it('survives headers that are not language lists', () => {
		for (const header of [
			'<script>',
			';;;,,,',
			'q=1',
			'en;q=abc',
			'\u0000de',
			'x'.repeat(10_000)
		]) {
			expect(typeof negotiateLocale(header)).toBe('string');
		}
		expect(negotiateLocale(`${'zz-ZZ,'.repeat(1000)}de`)).toBe('en');
	});
});
