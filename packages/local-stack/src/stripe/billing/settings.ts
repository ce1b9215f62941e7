import type { BillingSettings } from '../emulator.ts';
import { smartRetryDays } from './retry-schedule.ts';

/** Stripe's defaults: Smart Retries (8 tries within 2 weeks), then cancel the subscription. */
export const defaultBillingSettings = (): BillingSettings => ({
	retryDays: smartRetryDays(),
	afterRetries: 'cancel'
});
