import { describe, expect, it } from 'vitest';
import { confirmRedirect } from '$shared/email-link.ts';

describe('confirmRedirect', () => {
	it('puts where to go after login in the confirm path, without a query', () => {
		expect(confirmRedirect('https://shop.test', '/products/x/read?checkout=thanks')).toBe(
			'https://shop.test/auth/confirm/products/x/read'
		);
		expect(confirmRedirect('https://shop.test', '/')).toBe('https://shop.test/auth/confirm');
	});
});
