import { describe, expect, it } from 'vitest';
import {
	aboutIn,
	composeEmail,
	confirmLink,
	hookPayload,
	type HookPayload
} from '../../supabase/functions/send-email/email.ts';

const purchaseId = '0a1b2c3d-1234-4abc-8def-001122334455';

const payload = (redirectTo: string, overrides: Partial<HookPayload['email_data']> = {}) =>
	hookPayload.parse({
		user: { id: '5b0c4f0e-2f4d-4c4a-9a7e-0d7e1f2a3b4c', email: 'buyer@example.test' },
		email_data: {
			token: '123456',
			token_hash: 'a'.repeat(56),
			redirect_to: redirectTo,
			email_action_type: 'magiclink',
			site_url: 'http://127.0.0.1:3000',
			token_new: '',
			token_hash_new: '',
			...overrides
		}
	});

describe('the send-email hook', () => {
	it('links to the confirm page the store asked for, with the token, and drops the purchase id', () => {
		const link = confirmLink(
			payload(`http://127.0.0.1:3000/auth/confirm/products/x/read?purchase=${purchaseId}`)
				.email_data
		);
		expect(link).toBe(
			`http://127.0.0.1:3000/auth/confirm/products/x/read?token_hash=${'a'.repeat(56)}&type=magiclink`
		);
	});

	it('falls back to the site’s confirm page without a usable redirect', () => {
		expect(confirmLink(payload('').email_data)).toMatch(
			/^http:\/\/127\.0\.0\.1:3000\/auth\/confirm\?token_hash=/
		);
		expect(confirmLink(payload('not a url').email_data)).toMatch(/\/auth\/confirm\?token_hash=/);
	});

	it('finds the purchase or the membership a redirect names, and nothing else', () => {
		expect(aboutIn(`http://s/auth/confirm?purchase=${purchaseId}`)).toEqual({
			purchase: purchaseId
		});
		expect(aboutIn('http://s/auth/confirm/library?membership=sub_123')).toEqual({
			membership: 'sub_123'
		});
		expect(
			aboutIn('http://s/auth/confirm/account?membership=sub_123&notice=payment_failed')
		).toEqual({
			membership: 'sub_123',
			notice: 'payment_failed'
		});
		expect(aboutIn('http://s/auth/confirm?membership=sub_1&notice=free_money')).toEqual({
			membership: 'sub_1'
		});
		expect(aboutIn('http://s/auth/confirm?purchase=1%27%3B')).toEqual({});
		expect(aboutIn('http://s/auth/confirm?membership=x%27;')).toEqual({});
		expect(aboutIn('nonsense')).toEqual({});
	});

	it('names the purchase, or says it is a login, with the link and the code in both', () => {
		const login = composeEmail(payload('http://s/auth/confirm'), { kind: 'login' }, 'Storefront');
		expect(login.subject).toBe('Your Storefront login link and code');
		const bought = composeEmail(
			payload('http://s/auth/confirm'),
			{ kind: 'purchase', title: 'Tea', claim: false },
			'S'
		);
		expect(bought.subject).toBe('Your purchase: Tea');
		const claimed = composeEmail(
			payload('http://s/auth/confirm'),
			{ kind: 'purchase', title: 'Tea', claim: true },
			'S'
		);
		expect(claimed.subject).toBe('Your free copy: Tea');
		for (const email of [login, bought, claimed]) {
			expect(email.to).toBe('buyer@example.test');
			expect(email.html).toContain('123456');
			expect(email.html).toContain('token_hash=');
			expect(email.text).toContain('123456');
		}
	});

	it('welcomes a member and tells them about payments, trials and endings', () => {
		const about = payload('http://s/auth/confirm/account?membership=sub_1&notice=payment_failed');
		expect(composeEmail(about, { kind: 'membership', plan: 'All Access' }, 'S').subject).toBe(
			'Welcome to All Access'
		);
		expect(composeEmail(about, { kind: 'payment_failed', plan: 'All Access' }, 'S').subject).toBe(
			'Your payment for All Access did not go through'
		);
		expect(
			composeEmail(
				about,
				{ kind: 'trial_ending', plan: 'All Access', on: new Date('2026-12-24T00:00:00Z') },
				'S'
			).subject
		).toBe('Your All Access trial ends on December 24, 2026');
		const ended = composeEmail(about, { kind: 'membership_ended', plan: 'All Access' }, 'S');
		expect(ended.subject).toBe('Your All Access membership has ended');
		expect(ended.html).toContain('What you bought outright stays yours');
		expect(confirmLink(about.email_data)).not.toMatch(/membership=|notice=/);
	});

	it('escapes what it puts into the HTML', () => {
		const email = composeEmail(
			payload('http://s/auth/confirm'),
			{ kind: 'purchase', title: '<script>alert(1)</script> & "more"', claim: false },
			'<b>Store</b>'
		);
		expect(email.html).not.toContain('<script>');
		expect(email.html).not.toContain('<b>Store</b>');
		expect(email.html).toContain('&lt;script&gt;');
	});

	it('refuses a payload that is not the hook’s', () => {
		expect(hookPayload.safeParse({ user: {}, email_data: {} }).success).toBe(false);
		expect(hookPayload.safeParse([]).success).toBe(false);
	});
});
