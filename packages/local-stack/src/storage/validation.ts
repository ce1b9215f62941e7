import { Ajv, type ValidateFunction } from 'ajv';
import { errors } from './errors.ts';

/**
 * Request validation as storage-api's Fastify does it: JSON schemas checked by Ajv with Fastify's
 * options (types coerced, unknown properties dropped, first error only), refused with Fastify's
 * wording ("body/expiresIn must be >= 1") as 400 InvalidRequest.
 */
const ajv = new Ajv({
	coerceTypes: 'array',
	useDefaults: true,
	removeAdditional: true,
	allErrors: false
});
// storage-api's own keyword for numbers that must be finite.
ajv.addKeyword({
	keyword: 'finite',
	schemaType: 'boolean',
	validate: (enabled: boolean, value: unknown) =>
		!enabled || value === null || (typeof value === 'number' && Number.isFinite(value))
});

export type Part = 'params' | 'body' | 'querystring' | 'headers';

export type Schema = Record<string, unknown>;

const compiled = new WeakMap<Schema, ValidateFunction>();

/** Checks (and coerces in place) one part of a request against its schema. */
export function validate<T>(part: Part, schema: Schema, value: unknown): T {
	let check = compiled.get(schema);
	if (!check) {
		check = ajv.compile(schema);
		compiled.set(schema, check);
	}
	if (!check(value)) {
		const message = (check.errors ?? [])
			.map((error) => `${part}${error.instancePath} ${error.message}`)
			.join(', ');
		throw errors.invalidRequest(message);
	}
	return value as T;
}

/** storage-api's `authSchema`: the routes that need a caller name one. */
export const authHeaders: Schema = {
	type: 'object',
	properties: { authorization: { type: 'string' } },
	required: ['authorization']
};

const fileSizeLimit = {
	anyOf: [
		{ type: 'integer', finite: true, nullable: true, minimum: 0 },
		{
			type: 'string',
			pattern: '^[0-9]+(?:\\.[0-9]+)?(?:[gG][bB]|[mM][bB]|[kK][bB]|[bB])$',
			nullable: true
		}
	]
};
const mimeTypes = { type: 'array', nullable: true, items: { type: 'string' } };

export const schemas = {
	createBucket: {
		type: 'object',
		properties: {
			name: { type: 'string' },
			id: { type: 'string' },
			public: { type: 'boolean' },
			type: { type: 'string', enum: ['STANDARD', 'ANALYTICS'] },
			file_size_limit: fileSizeLimit,
			allowed_mime_types: mimeTypes
		},
		required: ['name']
	},
	updateBucket: {
		type: 'object',
		minProperties: 1,
		properties: {
			public: { type: 'boolean' },
			file_size_limit: fileSizeLimit,
			allowed_mime_types: mimeTypes
		},
		anyOf: [
			{ required: ['public'] },
			{ required: ['file_size_limit'] },
			{ required: ['allowed_mime_types'] }
		]
	},
	listBuckets: {
		type: 'object',
		properties: {
			limit: { type: 'integer', minimum: 1 },
			offset: { type: 'integer', minimum: 0 },
			sortColumn: { type: 'string', enum: ['id', 'name', 'created_at', 'updated_at'] },
			sortOrder: { type: 'string', enum: ['asc', 'desc'] },
			search: { type: 'string' }
		}
	},
	signUrl: {
		type: 'object',
		properties: {
			expiresIn: { type: 'integer', minimum: 1 },
			transform: { type: 'object' }
		},
		required: ['expiresIn']
	},
	signUrls: {
		type: 'object',
		properties: {
			expiresIn: { type: 'integer', minimum: 1 },
			paths: { type: 'array', items: { type: 'string' }, minItems: 1 }
		},
		required: ['expiresIn', 'paths']
	},
	token: {
		type: 'object',
		properties: { token: { type: 'string' }, download: { type: 'string' } },
		required: ['token']
	},
	download: { type: 'object', properties: { download: { type: 'string' } } },
	deleteObjects: {
		type: 'object',
		properties: { prefixes: { type: 'array', items: { type: 'string' }, minItems: 1 } },
		required: ['prefixes']
	},
	moveObject: {
		type: 'object',
		properties: {
			bucketId: { type: 'string' },
			sourceKey: { type: 'string' },
			destinationBucket: { type: 'string' },
			destinationKey: { type: 'string' }
		},
		required: ['bucketId', 'sourceKey', 'destinationKey']
	},
	copyObject: {
		type: 'object',
		properties: {
			bucketId: { type: 'string' },
			sourceKey: { type: 'string' },
			destinationBucket: { type: 'string' },
			destinationKey: { type: 'string' },
			metadata: {
				type: 'object',
				properties: { cacheControl: { type: 'string' }, mimetype: { type: 'string' } }
			},
			copyMetadata: { type: 'boolean' }
		},
		required: ['sourceKey', 'bucketId', 'destinationKey']
	},
	listObjects: {
		type: 'object',
		properties: {
			prefix: { type: 'string' },
			limit: { type: 'integer', minimum: 1 },
			offset: { type: 'integer', minimum: 0 },
			sortBy: {
				type: 'object',
				properties: {
					column: {
						type: 'string',
						enum: ['name', 'updated_at', 'created_at', 'last_accessed_at']
					},
					order: { type: 'string', enum: ['asc', 'desc'] }
				},
				required: ['column']
			},
			search: { type: 'string' }
		},
		required: ['prefix']
	}
} satisfies Record<string, Schema>;
