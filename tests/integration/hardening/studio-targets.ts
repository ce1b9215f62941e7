import fc from 'fast-check';
import { redirectTarget } from '../../support/arbitraries.ts';
import { formBody, unreadableBody, type FuzzBody } from '../../support/form-bodies.ts';
import { bytes, encodedValue, pathSegment } from '../../support/http-arbitraries.ts';
import { currencies } from '../../../src/lib/studio/product-form.ts';
import { bodies, type ActionTarget, type EndpointTarget, type PageTarget } from './target-types.ts';

/**
 * The fuzz suite's generators for the seller's studio (src/routes/(admin)): each also sent as a
 * signed-in seller (seller.ts), who gets past the guard that answers everyone else 404.
 */

/**
 * A draft product the suite makes for the seller's studio requests (fuzz.test.ts), so some reach
 * past the product lookup. Only the save form is sent to it: its bodies can never validate.
 */
export const FUZZ_DRAFT_ID = '00000000-0000-4000-8000-0000000f0022';

const productId = fc.oneof(fc.uuid(), pathSegment());
const productFields = ['title', 'slug', 'summary', 'price', 'currency', 'sample', 'body'];
const price = /^\s*\d{1,7}([.,]\d{1,3})?\s*$/;
const decoded = (raw: string) => {
	try {
		return decodeURIComponent(raw);
	} catch {
		return raw;
	}
};
/**
 * A product form that can never be valid: with a well-formed price (and a title and a body) it
 * would create or change a product, which is the form working, so no value here parses as one.
 */
const productForm = formBody(
	productFields,
	encodedValue.filter((value) => !price.test(decoded(value)))
);

/** A plan form that can never be valid (it would put a plan on offer): no value is a currency. */
const planForm = formBody(
	['name', 'description', 'currency', 'monthly', 'yearly', 'trialDays'],
	encodedValue.filter((value) => !(currencies as readonly string[]).includes(decoded(value)))
);

/** Dates and cursors the studio's lists read, nearly right: bad days, NULs after a good prefix. */
const studioNear = [
	'2026-01-01',
	'2026-99-99',
	'0000-00-00',
	'9999-12-31',
	'2026-01-01%00',
	'2026-01-01T00%3A00%3A00Z%7Cevt_x',
	'2026-01-01T00%3A00%3A00Z%7Cevt_%00',
	'2026-01-01T00%3A00%3A00Z%7C%FF',
	'checkout.session.completed',
	'00000000-0000-4000-8000-000000000000'
];

/** A multipart body with a file (random bytes under a picture's name) in the field `name`. */
const filePart = (name: string): fc.Arbitrary<FuzzBody> =>
	fc.uint8Array({ maxLength: 2000 }).map((data) => {
		const head = bytes(
			`--b\r\nContent-Disposition: form-data; name="${name}"; filename="x.png"\r\nContent-Type: image/png\r\n\r\n`
		);
		const tail = bytes('\r\n--b--\r\n');
		return {
			contentType: 'multipart/form-data; boundary=b',
			body: new Uint8Array([...head, ...data, ...tail])
		};
	});

/**
 * Publish, unpublish, archive, delete act on any form, so the suite's draft gets only bodies no
 * parser can read (a malformed body must change nothing: it once published the draft); other
 * products, which do not exist, get any body.
 */
const stateChange: ActionTarget = {
	cases: fc.oneof(
		fc.record({ body: formBody([]), path: productId.map((id) => `/admin/products/${id}`) }),
		fc.record({ body: unreadableBody, path: fc.constant(`/admin/products/${FUZZ_DRAFT_ID}`) })
	),
	allowed: 'nothing'
};

/**
 * The studio's upload endpoints take JSON: where to upload (`target`, a name and a size), then
 * check what arrived (`confirm`, a path). Neither writes a table; an upload that is not there is
 * refused. These are wrong shapes, odd names, sizes and paths, and bodies that are not JSON.
 */
const uploadRequest: fc.Arbitrary<FuzzBody> = fc.oneof(
	fc
		.oneof(
			fc.record({
				step: fc.constant('target'),
				name: fc.oneof(fc.string({ maxLength: 500 }), fc.constantFrom('', '../x', 'a\u0000b')),
				size: fc.oneof(fc.integer(), fc.double(), fc.constantFrom(-1, 0, 2 ** 53))
			}),
			fc.record({
				step: fc.constant('confirm'),
				path: fc.oneof(redirectTarget, fc.constantFrom('', '../../x', 'a\u0000b', 'x'.repeat(700)))
			}),
			fc.jsonValue()
		)
		.map((value) => ({
			contentType: 'application/json',
			body: bytes(JSON.stringify(value) ?? 'null')
		})),
	formBody(['step', 'name', 'size', 'path'])
);
const uploads = (what: string): EndpointTarget => ({
	path: fc
		.oneof(productId, fc.constant(FUZZ_DRAFT_ID))
		.map((id) => `/admin/products/${id}/${what}`),
	query: [],
	body: uploadRequest,
	allowed: 'nothing',
	seller: true
});

export const studioPages: Record<string, PageTarget> = {
	'/(admin)/admin': { path: fc.constant('/admin'), query: [], seller: true },
	'/(admin)/admin/products': {
		path: fc.constant('/admin/products'),
		query: ['state'],
		seller: true
	},
	'/(admin)/admin/products/[id]': {
		path: fc.oneof(productId, fc.constant(FUZZ_DRAFT_ID)).map((id) => `/admin/products/${id}`),
		query: ['created'],
		seller: true
	},
	'/(admin)/admin/events': {
		path: fc.constant('/admin/events'),
		query: ['type', 'outcome', 'from', 'to', 'order', 'before'],
		near: studioNear,
		seller: true
	},
	'/(admin)/admin/orders/[id]': {
		path: productId.map((id) => `/admin/orders/${id}`),
		query: [],
		seller: true
	},
	'/(admin)/admin/sales': {
		path: fc.constant('/admin/sales'),
		query: ['from', 'to'],
		near: studioNear,
		seller: true
	},
	'/(admin)/admin/products/new': {
		path: fc.constant('/admin/products/new'),
		query: [],
		seller: true
	},
	'/(admin)/admin/plans': { path: fc.constant('/admin/plans'), query: [], seller: true }
};

export const studioActions: Record<string, ActionTarget> = {
	'/(admin)/admin/products/[id] ?/save': { cases: bodies(productForm), allowed: 'nothing' },
	'/(admin)/admin/products/[id] ?/publish': stateChange,
	'/(admin)/admin/products/[id] ?/unpublish': stateChange,
	'/(admin)/admin/products/[id] ?/archive': stateChange,
	'/(admin)/admin/products/[id] ?/delete': stateChange,
	'/(admin)/admin/products/new ?/default': { cases: bodies(productForm), allowed: 'nothing' },
	// An image checked by its bytes: none of these is one, so no cover changes.
	'/(admin)/admin/products/[id] ?/cover': {
		cases: bodies(fc.oneof(formBody(['cover']), filePart('cover'))),
		allowed: 'nothing'
	},
	// The suite's draft has no files: whatever id is named, nothing is removed.
	'/(admin)/admin/products/[id] ?/removeFile': {
		cases: bodies(formBody(['file'])),
		allowed: 'nothing'
	},
	'/(admin)/admin/plans ?/create': { cases: bodies(planForm), allowed: 'nothing' },
	// No generated id names a plan: nothing is archived or deleted.
	'/(admin)/admin/plans ?/retire': { cases: bodies(formBody(['plan'])), allowed: 'nothing' },
	// Orders the generator names do not exist: a 404 before any body is read.
	'/(admin)/admin/orders/[id] ?/refund': {
		cases: bodies(formBody(['requestId', 'reason', 'amount', 'note'])),
		allowed: 'nothing'
	}
};

export const studioEndpoints: Record<string, EndpointTarget> = {
	'/(admin)/admin/sales/orders.csv GET': {
		path: fc.constant('/admin/sales/orders.csv'),
		query: ['from', 'to'],
		near: studioNear,
		allowed: 'nothing',
		seller: true
	},
	'/(admin)/admin/products/[id]/cover POST': uploads('cover'),
	'/(admin)/admin/products/[id]/files POST': uploads('files'),
	// The live preview renders any text; a seller's bad body may fail, never write.
	'/(admin)/admin/preview POST': {
		path: fc.constant('/admin/preview'),
		query: [],
		body: formBody(['body']),
		allowed: 'nothing',
		seller: true
	}
};
