import type Stripe from 'stripe';
import { z } from 'zod';
import { createPortalSession } from '../billing/portal-sessions.ts';
import { emit, type Emulator } from '../emulator.ts';
import { invalidRequest, noSuch } from '../errors.ts';
import { expand } from '../expand.ts';
import { nowSeconds } from '../ids.ts';
import { newPortalConfiguration, type FeaturesCreate } from '../objects/portal.ts';
import type { Route } from '../router.ts';
import { bool, emptyable, expand as expandParam, metadata, validate } from '../validation.ts';
import { listRoute, listSchema, retrieveRoute, type Kind } from './resource.ts';

const CONFIGURATION: Kind = {
	type: 'billing_portal.configuration',
	noun: 'billing_portal.configuration',
	param: 'configuration',
	base: '/v1/billing_portal/configurations'
};

const enabled = { enabled: bool };
const featuresSchema = z.strictObject({
	customer_update: z
		.strictObject({
			...enabled,
			allowed_updates: emptyable(
				z.array(z.enum(['address', 'email', 'name', 'phone', 'shipping', 'tax_id']))
			)
		})
		.optional(),
	invoice_history: z.strictObject(enabled).optional(),
	payment_method_update: z.strictObject(enabled).optional(),
	subscription_cancel: z
		.strictObject({ ...enabled, mode: z.enum(['at_period_end', 'immediately']).optional() })
		.optional(),
	subscription_update: z
		.strictObject({
			...enabled,
			default_allowed_updates: emptyable(z.array(z.enum(['price', 'promotion_code', 'quantity']))),
			products: emptyable(
				z.array(z.strictObject({ product: z.string(), prices: z.array(z.string()).min(1) }))
			),
			proration_behavior: z.enum(['none', 'create_prorations', 'always_invoice']).optional()
		})
		.optional()
});

const configurationSchema = z.strictObject({
	features: featuresSchema,
	business_profile: z
		.strictObject({
			headline: emptyable(z.string().max(60)),
			privacy_policy_url: z.string().optional(),
			terms_of_service_url: z.string().optional()
		})
		.optional(),
	default_return_url: emptyable(z.string()),
	metadata,
	name: emptyable(z.string()),
	expand: expandParam
});

const sessionSchema = z.strictObject({
	customer: z.string(),
	return_url: z.string().optional(),
	configuration: z.string().optional(),
	locale: z.string().optional(),
	expand: expandParam
});

/** The products a configuration offers must exist, each with recurring prices of its own. */
function checkProducts(emu: Emulator, features: FeaturesCreate) {
	(features.subscription_update?.products ?? []).forEach((entry, i) => {
		const param = `features[subscription_update][products][${i}]`;
		if (!emu.store.get('product', entry.product))
			throw noSuch('product', entry.product, `${param}[product]`);
		for (const id of entry.prices) {
			const price = emu.store.get<Stripe.Price>('price', id);
			if (!price) throw noSuch('price', id, `${param}[prices]`);
			if (price.product !== entry.product || !price.recurring)
				throw invalidRequest(
					`The price ${id} is not a recurring price of the product ${entry.product}.`,
					`${param}[prices]`
				);
		}
	});
}

export const billingPortalRoutes: Route[] = [
	{
		method: 'POST',
		path: '/v1/billing_portal/sessions',
		handler: (emu, req) => {
			const params = validate(sessionSchema, req.params);
			const session = createPortalSession(emu, params, req.request);
			emu.store.save();
			return expand(emu, session, params.expand);
		}
	},
	{
		method: 'POST',
		path: CONFIGURATION.base,
		handler: (emu, req) => {
			const { expand: paths, ...create } = validate(configurationSchema, req.params);
			checkProducts(emu, create.features);
			const first = !emu.store.all(CONFIGURATION.type).length;
			const configuration = emu.store.put(newPortalConfiguration(create, first, nowSeconds()));
			emit(emu, 'billing_portal.configuration.created', configuration, req.request);
			emu.store.save();
			return expand(emu, configuration, paths);
		}
	},
	retrieveRoute(CONFIGURATION),
	listRoute(
		CONFIGURATION,
		listSchema
			.omit({ created: true })
			.extend({ active: bool.optional(), is_default: bool.optional() }),
		(p) => (c: Stripe.BillingPortal.Configuration) =>
			(p.active === undefined || c.active === p.active) &&
			(p.is_default === undefined || c.is_default === p.is_default)
	)
];
