import { claimFreeProduct } from '$shared/fulfilment.ts';
import type { Product } from '$lib/types';
import { db } from './db';
import { limitEmailRequest } from './login';
import { sendPurchaseEmail } from './emails';
import type { LimitResult } from './rate-limit';
import { adminClient } from './supabase';

/**
 * Free items are claimed like a lead magnet: the claim is a zero-amount purchase in the same
 * table (so ownership, the library and offline reading work as for paid items), the account is
 * created if needed, and the email carries the link and the code to read it.
 */
const deps = () => ({ sql: db(), auth: adminClient().auth.admin });

/** A signed-in buyer with a proven address claims for themselves, at once. */
export async function claimForSignedIn(product: Product, user: SessionUser) {
	await claimFreeProduct(deps(), product.id, user.email);
}

/**
 * A visitor claims with an address: limited like login requests, answered the same whether or
 * not the address has an account (the work is not awaited, so neither is its timing).
 */
export async function claimByEmail(
	product: Product,
	email: string,
	ip: string
): Promise<LimitResult> {
	const limited = await limitEmailRequest(email, ip);
	if (!limited.allowed) return limited;
	void claimFreeProduct(deps(), product.id, email)
		.then(({ purchaseId }) => sendPurchaseEmail(email, product.slug, purchaseId))
		.then(({ error }) => {
			// A 429 from Supabase Auth's own spacing: an email went to this address moments ago.
			if (error && error.status !== 429) throw error;
		})
		.catch((error) => console.error(`claim of ${product.slug} failed:`, error));
	return { allowed: true };
}
