import type { Cover } from './cover';

/** A product as listed in the shop (shared by server loads and components). */
export interface ProductSummary {
	id: string;
	slug: string;
	title: string;
	summary: string;
	priceCents: number;
	currency: string;
	cover: Cover;
}

export interface Product extends ProductSummary {
	/** A free excerpt, Markdown. */
	sample: string;
}
