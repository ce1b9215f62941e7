import { describe, expect, it } from 'vitest';
import { paramName, parseForm } from '../../../src/stripe/form.ts';

describe('parseForm (Stripe bracket rules)', () => {
	it('nests objects, indexed arrays and [] arrays', () => {
		const params = parseForm(
			'mode=payment&line_items[0][price_data][currency]=usd&line_items[0][quantity]=2&expand[]=line_items&expand[]=payment_intent&metadata[product_id]=p%201'
		);
		expect(params).toEqual({
			mode: 'payment',
			line_items: [{ price_data: { currency: 'usd' }, quantity: '2' }],
			expand: ['line_items', 'payment_intent'],
			metadata: { product_id: 'p 1' }
		});
	});

	it('keeps indices above 20 as an array (qs would turn them into keys by default)', () => {
		const body = Array.from({ length: 30 }, (_, i) => `line_items[${i}][quantity]=${i}`).join('&');
		const items = parseForm(body).line_items as unknown[];
		expect(Array.isArray(items)).toBe(true);
		expect(items).toHaveLength(30);
	});

	it('names nested params the way Stripe reports them', () => {
		expect(paramName(['line_items', 0, 'price_data', 'unit_amount'])).toBe(
			'line_items[0][price_data][unit_amount]'
		);
		expect(paramName(['mode'])).toBe('mode');
	});
});
