/**
 * What the buyer's return from Checkout does with this browser, decided from facts the return
 * handler gathered (pure, tested whole in tests/unit/checkout-return.test.ts). Stripe does not
 * verify the email typed at checkout, so the browser that paid may read what it paid for at once,
 * through a session scoped to its own checkouts, and never more of the account until the address
 * is proven by the emailed link or code.
 */
export interface ReturnFacts {
	/** This browser holds the nonce whose hash the Checkout Session carries. */
	nonceMatches: boolean;
	/** Seconds since the Checkout Session was created. */
	sessionAgeSeconds: number;
	sessionId: string;
	/** The account the purchase belongs to, and which checkout created it (if one did). */
	buyer: { id: string; createdByCheckout: string | null };
	/** Who this browser is signed in as, and whether that session is scoped to its checkouts. */
	current: { userId: string; scoped: boolean } | null;
	/** This return took the purchase email (it was not sent yet); see `takesPurchaseEmail`. */
	emailClaimed: boolean;
}

export type ReturnPlan =
	/** This browser already sees the whole account. */
	| 'read'
	/** A scoped session of the buyer paid again: add this purchase to what it sees. */
	| 'extend-scope'
	/** Start a session for the account this checkout created, scoped to this purchase. */
	| 'log-in-scoped'
	/** Recorded for the account; its owner logs in from the email. */
	| 'check-email';

/** A return later than this is not the buyer coming straight back from paying. */
export const RETURN_MAX_AGE_SECONDS = 2 * 60 * 60;

/**
 * Whether this return should take the purchase email (send it now, after any login, rather than
 * when the return window closes): only the buying browser or the buyer's own. A replayed URL
 * elsewhere leaves it on its schedule.
 */
export const takesPurchaseEmail = (facts: Omit<ReturnFacts, 'emailClaimed'>) =>
	facts.nonceMatches || facts.current?.userId === facts.buyer.id;

export function returnPlan(facts: ReturnFacts): ReturnPlan {
	const { current, buyer } = facts;
	if (current?.userId === buyer.id) {
		if (!current.scoped) return 'read';
		return facts.nonceMatches ? 'extend-scope' : 'check-email';
	}
	const fresh = facts.sessionAgeSeconds >= 0 && facts.sessionAgeSeconds <= RETURN_MAX_AGE_SECONDS;
	const accountFromThisCheckout = buyer.createdByCheckout === facts.sessionId;
	if (!facts.nonceMatches || !fresh || !accountFromThisCheckout) return 'check-email';
	// Minting a session replaces the account's emailed token: once the email is out (or another
	// return holds it), the email wins and this browser logs in from it.
	return facts.emailClaimed ? 'log-in-scoped' : 'check-email';
}
