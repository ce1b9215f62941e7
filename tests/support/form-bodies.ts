import fc from 'fast-check';
import { bytes, encodedValue, pairs } from './http-arbitraries.ts';

/**
 * Bodies a form action may be sent: well-formed forms of either encoding carrying hostile values,
 * and the broken ones (cut short, a wrong or missing boundary, not a form at all, too large).
 */
export interface FuzzBody {
	contentType?: string;
	body: Uint8Array;
}

const urlencoded = (names: string[], values: fc.Arbitrary<string>): fc.Arbitrary<FuzzBody> =>
	fc
		.oneof(
			pairs(names, 10, values).map((p) => p.map(([k, v]) => `${k}=${v}`).join('&')),
			fc.constantFrom('%', '&&&', '=', 'email', 'email=%FF%FE', 'a=%00&a=%00', '%ZZ=1')
		)
		.map((text) => ({ contentType: 'application/x-www-form-urlencoded', body: bytes(text) }));

const decode = (raw: string) => {
	try {
		return decodeURIComponent(raw);
	} catch {
		return raw;
	}
};

/** A well-formed multipart body of these fields, and its boundary. */
function multipart(fields: [string, string][], boundary: string) {
	const parts = fields.map(
		([name, value]) =>
			`--${boundary}\r\nContent-Disposition: form-data; name="${decode(name).replace(/["\r\n]/g, '_')}"\r\n\r\n${decode(value)}\r\n`
	);
	return `${parts.join('')}--${boundary}--\r\n`;
}

const boundary = fc.stringMatching(/^[A-Za-z0-9]{1,40}$/);

const multipartBodies = (names: string[], values: fc.Arbitrary<string>): fc.Arbitrary<FuzzBody> =>
	fc.oneof(
		fc.tuple(pairs(names, 6, values), boundary).map(([fields, b]) => ({
			contentType: `multipart/form-data; boundary=${b}`,
			body: bytes(multipart(fields, b))
		})),
		// Cut short anywhere: the parser meets the end of the body inside a part.
		fc.tuple(pairs(names, 4, values), boundary, fc.nat()).map(([fields, b, cut]) => {
			const whole = bytes(multipart(fields, b));
			return {
				contentType: `multipart/form-data; boundary=${b}`,
				body: whole.slice(0, cut % Math.max(1, whole.length - 1))
			};
		}),
		// The boundary missing, empty, or not the one the body uses.
		fc
			.tuple(
				pairs(names, 3, values),
				boundary,
				fc.constantFrom(
					'multipart/form-data',
					'multipart/form-data; boundary=',
					'multipart/form-data; boundary=other'
				)
			)
			.map(([fields, b, type]) => ({ contentType: type, body: bytes(multipart(fields, b)) }))
	);

/** Bodies that are not what they claim, or not a form at all. */
const misfits: fc.Arbitrary<FuzzBody> = fc.oneof(
	fc
		.tuple(
			fc.constantFrom(
				'application/x-www-form-urlencoded',
				'multipart/form-data; boundary=x',
				'text/plain',
				'application/json',
				'application/x-sveltekit-formdata',
				'application/xml',
				'x/y; boundary',
				'text/plain; charset=utf-16'
			),
			fc.uint8Array({ maxLength: 200 })
		)
		.map(([contentType, body]) => ({ contentType, body })),
	fc
		.jsonValue()
		.map((v) => ({ contentType: 'application/json', body: bytes(JSON.stringify(v) ?? 'null') })),
	fc.string({ maxLength: 50 }).map((s) => ({ body: bytes(s) })),
	fc.string({ maxLength: 50 }).map((s) => ({ contentType: 'text/plain', body: bytes(s) }))
);

/**
 * Bodies no form parser can read: not a form type, a multipart body without its boundary or cut
 * inside its first part, too large. An action that acts on any form must refuse these.
 */
export const unreadableBody: fc.Arbitrary<FuzzBody> = fc.oneof(
	fc
		.tuple(
			fc.constantFrom(
				undefined,
				'text/plain',
				'application/json',
				'application/x-sveltekit-formdata',
				'multipart/form-data',
				'multipart/form-data; boundary='
			),
			fc.uint8Array({ maxLength: 200 })
		)
		.map(([contentType, body]) => ({ contentType, body })),
	fc.tuple(boundary, fc.string({ maxLength: 30 })).map(([b, value]) => ({
		contentType: `multipart/form-data; boundary=${b}`,
		body: bytes(`--${b}\r\nContent-Disposition: form-data; name="x"\r\n\r\n${value}`)
	})),
	fc.constant({
		contentType: 'application/x-www-form-urlencoded',
		body: bytes(`x=${'a'.repeat(600_000)}`)
	})
);

/** Over adapter-node's BODY_SIZE_LIMIT (512 KB). */
const oversized: fc.Arbitrary<FuzzBody> = fc.constant({
	contentType: 'application/x-www-form-urlencoded',
	body: bytes(`email=${'a'.repeat(600_000)}`)
});

/** Any body a form action might be sent, with these field names (and values) among the noise. */
export const formBody = (names: string[], values = encodedValue): fc.Arbitrary<FuzzBody> =>
	fc.oneof(
		{ arbitrary: urlencoded(names, values), weight: 4 },
		{ arbitrary: multipartBodies(names, values), weight: 4 },
		{ arbitrary: misfits, weight: 3 },
		{ arbitrary: oversized, weight: 1 }
	);
