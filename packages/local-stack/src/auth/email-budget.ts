/**
 * GoTrue's process-wide email budget (GOTRUE_RATE_LIMIT_EMAIL_SENT): `N` is N emails per fixed
 * hour counted from process start; `N/<duration>` is a token bucket refilling N per duration.
 */
import { parseGoDuration } from '../config/supabase-config.ts';

export class EmailBudget {
	private readonly capacity: number;
	private readonly windowMs: number;
	private readonly bucket: boolean;
	private tokens: number;
	private windowStart: number;

	constructor(spec: string | number, now = Date.now()) {
		const [count, duration] = String(spec).split('/');
		this.capacity = Number(count);
		if (!Number.isFinite(this.capacity) || this.capacity < 0)
			throw new Error(`invalid email rate limit "${spec}"`);
		this.bucket = duration !== undefined;
		this.windowMs = duration ? parseGoDuration(duration) * 1000 : 3_600_000;
		this.tokens = this.capacity;
		this.windowStart = now;
	}

	/** Takes one email from the budget; false when it is spent. */
	take(now = Date.now()): boolean {
		if (this.bucket) {
			const refill = ((now - this.windowStart) / this.windowMs) * this.capacity;
			this.tokens = Math.min(this.capacity, this.tokens + refill);
			this.windowStart = now;
		} else if (now - this.windowStart >= this.windowMs) {
			const windows = Math.floor((now - this.windowStart) / this.windowMs);
			this.windowStart += windows * this.windowMs;
			this.tokens = this.capacity;
		}
		if (this.tokens < 1) return false;
		this.tokens -= 1;
		return true;
	}
}
