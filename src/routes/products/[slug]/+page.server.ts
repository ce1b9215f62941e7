import { fail, redirect } from '@sveltejs/kit';
import { membershipOffered } from '$lib/server/catalogue';
import { createCheckout } from '$lib/server/checkout';
import { claimByEmail, claimForSignedIn } from '$lib/server/claim';
import { readForm } from '$lib/server/form';
import { emailSchema, rememberLoginEmail } from '$lib/server/login';
import { renderMarkdown } from '$lib/server/markdown';
import { ownedProductIds, readAccess, sessionScoped } from '$lib/server/ownership';
import { retryIn } from '$lib/server/rate-limit';
import { config } from '$lib/server/config';
import { jsonLdScript, productJsonLd, shareImage } from '$lib/seo';
import { storeName } from '$lib/store';
import type { Actions, PageServerLoad } from './$types';
import { productAt } from './product.server';

const notices = ['cancelled', 'processing', 'unpaid', 'check-email'] as const;
type Notice = (typeof notices)[number];

/** Signed in with a proven address (not only by a return from Checkout). */
const provenUser = async (user: SessionUser | null) =>
	user && !(await sessionScoped(user)) ? user : null;

export const load = (async ({ params, url, locals }) => {
	const user = await locals.user();
	const product = await productAt(params.slug, user);
	const [owned, access, offered] = await Promise.all([
		ownedProductIds(user).then((ids) => ids.has(product.id)),
		readAccess(user, product.id),
		membershipOffered()
	]);
	const notice = notices.find((n) => n === url.searchParams.get('checkout')) ?? null;
	const free = product.priceCents === 0;
	// Absolute addresses for link previews and search engines: the store's public ORIGIN.
	const { ORIGIN } = config();
	const pageUrl = new URL(`/products/${product.slug}`, ORIGIN).href;
	const image = shareImage(product.cover, ORIGIN, '/icons/icon-512.png');
	return {
		product,
		description: product.summary,
		share: {
			url: pageUrl,
			image,
			jsonLd: jsonLdScript(productJsonLd(product, pageUrl, image, storeName()))
		},
		sampleHtml: renderMarkdown(product.sample),
		owned,
		// Read with a membership (not bought outright), or a membership to offer beside Buy.
		memberReads: !owned && access.readable && access.member,
		membershipOffered: !access.member && offered,
		// How a free item is claimed: at once when signed in, else with an emailed link and code.
		claimWith: free && !owned ? ((await provenUser(user)) ? 'account' : 'email') : null,
		notice: notice as Notice | null
	};
}) satisfies PageServerLoad;

export const actions = {
	/** Buy: a Checkout Session priced from the database, then 303 to Stripe's page. */
	buy: async ({ request, params, url, cookies, locals }) => {
		const form = await readForm(request);
		if (!(form instanceof FormData)) return form;
		const user = await locals.user();
		const product = await productAt(params.slug, user);
		if (product.priceCents === 0) redirect(303, `/products/${product.slug}`);
		let checkoutUrl: string;
		try {
			checkoutUrl = await createCheckout(product, {
				origin: url.origin,
				cookies,
				email: user?.email
			});
		} catch (cause) {
			console.error('Checkout could not start:', cause);
			return fail(503, {
				email: undefined,
				message:
					'Payments are unavailable right now. Nothing was charged; please try again in a minute.'
			});
		}
		redirect(303, checkoutUrl);
	},

	/** Claim a free item: at once for a proven account, else by email (link and code). */
	claim: async ({ params, request, url, cookies, locals, getClientAddress }) => {
		const product = await productAt(params.slug, await locals.user());
		if (product.priceCents !== 0) {
			return fail(400, { email: undefined, claimMessage: 'This item is not free.' });
		}
		const read = `/products/${product.slug}/read`;
		const user = await provenUser(await locals.user());
		if (user) {
			await claimForSignedIn(product, user);
			redirect(303, read);
		}
		const form = await readForm(request);
		if (!(form instanceof FormData)) return form;
		const typed = String(form.get('email') ?? '');
		const parsed = emailSchema.safeParse(typed);
		if (!parsed.success) {
			return fail(400, { email: typed, claimMessage: parsed.error.issues[0].message });
		}
		const result = await claimByEmail(product, parsed.data, getClientAddress());
		if (!result.allowed) {
			return fail(429, {
				email: parsed.data,
				claimMessage: `We just sent a link to this address. You can ask again ${retryIn(result.retryAfterSeconds)}.`
			});
		}
		rememberLoginEmail(cookies, parsed.data, url.protocol === 'https:');
		redirect(303, `/login/code?next=${encodeURIComponent(read)}&sent=claim`);
	}
} satisfies Actions;
