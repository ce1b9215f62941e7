import { randomBytes } from 'node:crypto';

const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** An id in Stripe's style: a type prefix and random base62 (`cs_test_a1B2…`, `ch_3Q…`). */
export function newId(prefix: string, length = 24): string {
	const bytes = randomBytes(length);
	let out = '';
	for (const byte of bytes) out += alphabet[byte % alphabet.length];
	return `${prefix}_${out}`;
}

/** Stripe's timestamps are Unix seconds. */
export const nowSeconds = () => Math.floor(Date.now() / 1000);
