import type Stripe from 'stripe';
import { newId } from '../ids.ts';

type Features = Stripe.BillingPortal.Configuration.Features;

/** The portal features a configuration asks for, as validated (everything optional but `enabled`). */
export interface FeaturesCreate {
	customer_update?: { enabled: boolean; allowed_updates?: string[] | null };
	invoice_history?: { enabled: boolean };
	payment_method_update?: { enabled: boolean };
	subscription_cancel?: { enabled: boolean; mode?: 'at_period_end' | 'immediately' };
	subscription_update?: {
		enabled: boolean;
		default_allowed_updates?: string[] | null;
		products?: { product: string; prices: string[] }[] | null;
		proration_behavior?: 'none' | 'create_prorations' | 'always_invoice';
	};
}

export interface ConfigurationCreate {
	features: FeaturesCreate;
	business_profile?: {
		headline?: string | null;
		privacy_policy_url?: string;
		terms_of_service_url?: string;
	};
	default_return_url?: string | null;
	metadata?: Record<string, string>;
	name?: string | null;
}

function features(create: FeaturesCreate): Features {
	const update = create.subscription_update;
	return {
		customer_update: {
			allowed_updates: create.customer_update?.allowed_updates ?? [],
			enabled: create.customer_update?.enabled ?? false
		},
		invoice_history: { enabled: create.invoice_history?.enabled ?? false },
		payment_method_update: {
			enabled: create.payment_method_update?.enabled ?? false,
			payment_method_configuration: null
		},
		subscription_cancel: {
			cancellation_reason: { enabled: false, feedback_options: null, options: [] },
			enabled: create.subscription_cancel?.enabled ?? false,
			mode: create.subscription_cancel?.mode ?? 'at_period_end',
			proration_behavior: 'none'
		},
		subscription_pause: { duration: { interval_options: [], type: 'indefinite' }, enabled: false },
		subscription_update: {
			billing_cycle_anchor: null,
			default_allowed_updates: update?.default_allowed_updates ?? [],
			enabled: update?.enabled ?? false,
			products: (update?.products ?? []).map((p) => ({
				adjustable_quantity: { enabled: false, maximum: null, minimum: 1 },
				prices: p.prices,
				product: p.product
			})),
			proration_behavior: update?.proration_behavior ?? 'none',
			schedule_at_period_end: { conditions: [] },
			trial_update_behavior: 'end_trial'
		}
	} as Features;
}

export function newPortalConfiguration(
	create: ConfigurationCreate,
	isDefault: boolean,
	created: number
): Stripe.BillingPortal.Configuration {
	const typed: Stripe.BillingPortal.Configuration = {
		id: newId('bpc'),
		object: 'billing_portal.configuration',
		active: true,
		application: null,
		business_profile: {
			headline: create.business_profile?.headline ?? null,
			privacy_policy_url: create.business_profile?.privacy_policy_url ?? null,
			terms_of_service_url: create.business_profile?.terms_of_service_url ?? null
		},
		created,
		default_return_url: create.default_return_url ?? null,
		features: features(create.features),
		is_default: isDefault,
		livemode: false,
		login_page: { enabled: false, url: null },
		metadata: create.metadata ?? {},
		name: create.name ?? null,
		updated: created
	};
	return typed;
}

/**
 * What a test-mode account's portal offers until the seller saves settings: everything the
 * storefront uses (invoices, card update, cancel at period end, switching between the prices of
 * the same product).
 */
export const DEFAULT_PORTAL_FEATURES: FeaturesCreate = {
	customer_update: { enabled: false },
	invoice_history: { enabled: true },
	payment_method_update: { enabled: true },
	subscription_cancel: { enabled: true, mode: 'at_period_end' },
	subscription_update: {
		enabled: true,
		default_allowed_updates: ['price'],
		proration_behavior: 'none'
	}
};

export function newPortalSession(
	customer: string,
	configuration: string,
	returnUrl: string | null,
	locale: string | null,
	url: (secret: string) => string,
	created: number
): { session: Stripe.BillingPortal.Session; secret: string } {
	const secret = newId('test', 40).slice('test_'.length);
	const typed: Stripe.BillingPortal.Session = {
		id: newId('bps'),
		object: 'billing_portal.session',
		configuration,
		created,
		customer,
		customer_account: null,
		flow: null,
		livemode: false,
		locale: locale as Stripe.BillingPortal.Session.Locale | null,
		on_behalf_of: null,
		return_url: returnUrl,
		url: url(secret)
	};
	return { session: typed, secret };
}
