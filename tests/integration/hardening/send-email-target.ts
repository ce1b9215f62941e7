import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parse } from 'smol-toml';
import { junk, signedHook, type SignedCase } from './function-parts.ts';

/**
 * The Send Email Hook's cases: Supabase Auth signs its calls with Standard Webhooks
 * (`webhook-id`, `webhook-timestamp`, `webhook-signature`) and the secret in config.toml.
 * Badly signed: 401; signed but not a hook payload: 400 (or 401 when not even JSON); another
 * method: 405. Nothing may be written, and no email sent.
 */
const config = parse(readFileSync('supabase/config.toml', 'utf8')) as {
	auth: { hook: { send_email: { secrets: string } } };
};
const secret = config.auth.hook.send_email.secrets;

/** A Standard Webhooks signature: HMAC-SHA256 of `id.timestamp.body` with the secret's bytes. */
function sign(body: string, secretText: string, timestamp: number) {
	const key = Buffer.from(secretText.replace(/^v1,/, '').replace(/^whsec_/, ''), 'base64');
	const id = `msg_${randomUUID()}`;
	const signature = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
	return {
		'webhook-id': id,
		'webhook-timestamp': String(timestamp),
		'webhook-signature': `v1,${signature}`
	};
}

const payload = fc.record({
	user: fc.record({ id: fc.uuid(), email: fc.constant('reader@example.test') }),
	email_data: fc.record({
		token: fc.stringMatching(/^\d{6}$/),
		token_hash: fc.stringMatching(/^[0-9a-f]{56}$/),
		redirect_to: fc.constant('http://127.0.0.1:3000/auth/confirm/library'),
		email_action_type: fc.constantFrom('magiclink', 'signup'),
		site_url: fc.constant('http://127.0.0.1:3000')
	})
});

/** One field dropped, of the wrong kind, or too long. */
const breakage = fc.oneof(
	fc.record({
		at: fc.constantFrom('user', 'email_data'),
		value: fc.constantFrom(undefined, ...junk, 'x')
	}),
	fc.record({
		at: fc.constant('user.id'),
		value: fc.constantFrom(undefined, ...junk, {}, 'not-a-uuid')
	}),
	fc.record({
		at: fc.constant('user.email'),
		value: fc.constantFrom(undefined, null, 0, [], {}, 'x', 'a'.repeat(400))
	}),
	fc.record({
		at: fc.constantFrom(
			'email_data.token',
			'email_data.token_hash',
			'email_data.redirect_to',
			'email_data.email_action_type',
			'email_data.site_url'
		),
		value: fc.constantFrom(undefined, null, 0, [], {}, 'x'.repeat(3000))
	})
);

function headers(c: SignedCase): Record<string, string> {
	const now = Math.floor(Date.now() / 1000);
	switch (c.signing) {
		case 'valid':
			return sign(c.payload, secret, now);
		case 'other secret':
			return sign(
				c.payload,
				`v1,whsec_${Buffer.from('not the hook secret').toString('base64')}`,
				now
			);
		case 'stale':
			return sign(c.payload, secret, now - 3600);
		case 'garbage':
			return {
				'webhook-id': 'msg_x',
				'webhook-timestamp': String(now),
				'webhook-signature': 'v1,AAAA'
			};
		case 'missing':
			return {};
	}
}

export const sendEmail = signedHook('send-email', {
	payload,
	breakage,
	headers,
	statusOk: (status, c) => {
		if (c.method !== 'POST') return status === 405;
		if (c.signing !== 'valid') return status === 401;
		// Signed but no payload: 400; the library may already refuse a body that is not JSON.
		return c.json ? status === 400 : [400, 401].includes(status);
	}
});
