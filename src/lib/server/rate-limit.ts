import { createHash } from 'node:crypto';
import type { Returned } from '$shared/rows.ts';
import { asServiceRole } from './db';

export interface Limit {
	/** What is limited, e.g. `login-email`; the key is hashed into the bucket name. */
	name: string;
	max: number;
	windowSeconds: number;
	/** Minimum seconds between two hits. */
	cooldownSeconds?: number;
}

export type LimitResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Counts one attempt against a limit kept in Postgres (shared by every app server). */
export async function hit(limit: Limit, key: string): Promise<LimitResult> {
	const bucket = `${limit.name}:${createHash('sha256').update(key.toLowerCase()).digest('base64url')}`;
	const [row] = await asServiceRole(
		(sql) => sql<Returned<'rate_limit_hit'>[]>`
			select * from public.rate_limit_hit(${bucket}, ${limit.max},
				${`${limit.windowSeconds} seconds`}::interval, ${`${limit.cooldownSeconds ?? 0} seconds`}::interval)`
	);
	return row.allowed
		? { allowed: true }
		: { allowed: false, retryAfterSeconds: row.retry_after_seconds };
}

/** Several limits at once: the first one refused decides; the limits that allow it count it. */
export async function hitAll(checks: [Limit, string][]): Promise<LimitResult> {
	const results = await Promise.all(checks.map(([limit, key]) => hit(limit, key)));
	return results.find((r) => !r.allowed) ?? { allowed: true };
}

/** "in 45 seconds", "in 12 minutes": when to try again, in words. */
export function retryIn(seconds: number): string {
	if (seconds < 90) return `in ${seconds} second${seconds === 1 ? '' : 's'}`;
	const minutes = Math.ceil(seconds / 60);
	return `in ${minutes} minutes`;
}
