import { z } from 'zod';
import { invalidRequest, missingParam, StripeApiError, unknownParam } from './errors.ts';
import { paramName, type Params } from './form.ts';

/** Form values are strings; Stripe reads integers from them and names the bad value. */
export const int = (min = 0) =>
	z
		.string()
		.regex(/^-?\d+$/, { message: 'integer' })
		.transform(Number)
		.pipe(z.number().int().min(min));
export const metadata = z.record(z.string(), z.string().max(500)).optional();
/** On update, metadata merges: a key set to '' is removed, and `metadata=''` removes them all. */
export const metadataUpdate = z
	.union([z.literal(''), z.record(z.string(), z.string().max(500))])
	.optional();
/** Stripe's form booleans. */
export const bool = z
	.enum(['true', 'false'], { message: 'boolean' })
	.transform((v) => v === 'true');
/** A field Stripe lets you clear by sending an empty string (`Emptyable` in the SDK's types). */
export const emptyable = <T extends z.ZodType>(schema: T) =>
	z.union([z.literal('').transform(() => null), schema]).optional();
export const expand = z.array(z.string()).optional();
export const currency = z
	.string()
	.regex(/^[a-zA-Z]{3}$/, { message: 'currency' })
	.transform((c) => c.toLowerCase());

/** Turns zod's first complaint into the error Stripe gives for the same mistake. */
function toStripeError(issue: z.core.$ZodIssue): StripeApiError {
	const input = (issue as { input?: unknown }).input;
	if (issue.code === 'unrecognized_keys')
		return unknownParam(paramName([...issue.path, issue.keys[0]]));
	const param = paramName(issue.path);
	if (input === undefined) return missingParam(param);
	if (issue.message === 'integer')
		return invalidRequest(`Invalid integer: ${String(input)}`, param, 'parameter_invalid_integer');
	if (issue.message === 'boolean')
		return invalidRequest(`Invalid boolean: ${String(input)}`, param, 'parameter_invalid_boolean');
	if (issue.message === 'currency')
		return invalidRequest(`Invalid currency: ${String(input)}.`, param, 'parameter_invalid_string');
	if (issue.code === 'too_small' && issue.origin === 'number')
		return invalidRequest(
			`This value must be greater than or equal to ${String(issue.minimum)}.`,
			param,
			'parameter_invalid_integer'
		);
	if (issue.code === 'invalid_value') {
		const values = issue.values.map(String);
		const choices =
			values.length > 1
				? `${values.slice(0, -1).join(', ')}, or ${values.at(-1)}`
				: values.join('');
		return invalidRequest(
			`Invalid ${String(issue.path.at(-1))}: must be one of ${choices}`,
			param,
			'parameter_invalid_string'
		);
	}
	if (issue.code === 'invalid_type') {
		const kind =
			issue.expected === 'record' || issue.expected === 'object' ? 'object' : issue.expected;
		return invalidRequest(
			`Invalid ${kind}`,
			param,
			'parameter_invalid_' + (kind === 'object' ? 'string' : kind)
		);
	}
	return invalidRequest(`Invalid value for ${param}: ${issue.message}`, param);
}

/** Validates request parameters, refusing unknown ones as Stripe does. */
export function validate<T extends z.ZodType>(schema: T, params: Params): z.output<T> {
	const result = schema.safeParse(params, { reportInput: true });
	if (!result.success) {
		const error = toStripeError(result.error.issues[0]);
		error.beforeExecution = true;
		throw error;
	}
	return result.data;
}

/** Merges a metadata update into the current metadata, as Stripe does. */
export function mergeMetadata(
	current: Record<string, string> | null,
	update: '' | Record<string, string> | undefined
): Record<string, string> {
	if (update === undefined) return { ...current };
	if (update === '') return {};
	const merged: Record<string, string> = { ...current };
	for (const [key, value] of Object.entries(update))
		if (value === '') delete merged[key];
		else merged[key] = value;
	return merged;
}
