import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { signatureHeader } from '../../../../src/stripe/webhooks/signature.ts';

const stripe = new Stripe('sk_test_unit');
const payload = JSON.stringify({
	id: 'evt_1',
	object: 'event',
	type: 'checkout.session.completed'
});

describe('signatureHeader', () => {
	it('is accepted by the official SDK with the same secret', async () => {
		const header = signatureHeader(payload, 'whsec_right', Math.floor(Date.now() / 1000));
		const event = await stripe.webhooks.constructEventAsync(payload, header, 'whsec_right');
		expect(event.id).toBe('evt_1');
	});

	it('is refused with another secret, another body or an old timestamp', async () => {
		const now = Math.floor(Date.now() / 1000);
		const header = signatureHeader(payload, 'whsec_right', now);
		await expect(
			stripe.webhooks.constructEventAsync(payload, header, 'whsec_wrong')
		).rejects.toThrow(Stripe.errors.StripeSignatureVerificationError);
		await expect(
			stripe.webhooks.constructEventAsync(payload + ' ', header, 'whsec_right')
		).rejects.toThrow(/signature/i);
		const old = signatureHeader(payload, 'whsec_right', now - 3600);
		await expect(stripe.webhooks.constructEventAsync(payload, old, 'whsec_right')).rejects.toThrow(
			/tolerance/i
		);
	});

	it('has the t= and v1= parts Stripe sends', () => {
		expect(signatureHeader('{}', 'whsec_x', 1700000000)).toMatch(/^t=1700000000,v1=[0-9a-f]{64}$/);
	});
});
