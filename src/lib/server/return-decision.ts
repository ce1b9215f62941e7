/**
 * Whether the buyer's return from Checkout may log this browser in. Pure: the facts are gathered
 * by the return handler. Stripe does not verify the email typed at checkout, so a purchase made
 * with the address of an account that existed before it must never open that account here.
 */
export interface ReturnFacts {
	/** This browser holds the nonce whose hash the Checkout Session carries. */
	nonceMatches: boolean;
	/** Seconds since the Checkout Session was created. */
	sessionAgeSeconds: number;
	/** The account the purchase belongs to, and which checkout created it (if one did). */
	buyer: { id: string; createdByCheckout: string | null };
	sessionId: string;
	/** Who this browser is logged in as, if anyone. */
	currentUserId: string | null;
}

export type ReturnDecision =
	/** Mint a session for the new account this checkout created. */
	| 'log-in'
	/** This browser already belongs to the buyer. */
	| 'already-logged-in'
	/** Recorded for the account; the owner logs in from the email. */
	| 'check-email';

/** A return later than this is not the buyer coming straight back from paying. */
export const RETURN_MAX_AGE_SECONDS = 2 * 60 * 60;

export function returnDecision(facts: ReturnFacts): ReturnDecision {
	if (facts.currentUserId === facts.buyer.id) return 'already-logged-in';
	const fresh = facts.sessionAgeSeconds >= 0 && facts.sessionAgeSeconds <= RETURN_MAX_AGE_SECONDS;
	const accountFromThisCheckout = facts.buyer.createdByCheckout === facts.sessionId;
	return facts.nonceMatches && fresh && accountFromThisCheckout ? 'log-in' : 'check-email';
}
