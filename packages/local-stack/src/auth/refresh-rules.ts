/**
 * What GoTrue does when a refresh token is presented (section 6.2 of supabase-auth.md). Pure, so
 * the reuse-interval rule is tested without waiting for it to pass.
 */
export interface PresentedToken {
	token: string;
	revoked: boolean;
	updatedAt: Date;
}

export type RefreshDecision =
	| { action: 'rotate' } // revoke it, issue a child
	| { action: 'reissue-active' } // retry of an already rotated token: hand back the session's newest token
	| { action: 'rotate-within-reuse' } // revoked but still inside the reuse interval: issue another child
	| { action: 'reject-reuse' }; // 400 refresh_token_already_used; with rotation on, the session's tokens are revoked

export function decideRefresh(
	presented: PresentedToken,
	newestActive: { parent: string | null } | undefined,
	reuseIntervalSeconds: number,
	now: Date
): RefreshDecision {
	if (!presented.revoked) return { action: 'rotate' };
	if (newestActive && newestActive.parent === presented.token) return { action: 'reissue-active' };
	if (now.getTime() <= presented.updatedAt.getTime() + reuseIntervalSeconds * 1000)
		return { action: 'rotate-within-reuse' };
	return { action: 'reject-reuse' };
}
