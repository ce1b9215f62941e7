export type Json = string | number | boolean | null | { [key: string]: Json | undefined } | Json[];

export type Database = {
	public: {
		Tables: {
			customers: {
				Row: {
					created_at: string;
					stripe_customer_id: string;
					user_id: string;
				};
				ComputedFields: never;
				Insert: {
					created_at?: string;
					stripe_customer_id: string;
					user_id: string;
				};
				Update: {
					created_at?: string;
					stripe_customer_id?: string;
					user_id?: string;
				};
				Relationships: [];
			};
			downloads: {
				Row: {
					created_at: string;
					id: number;
					product_file_id: string;
					user_id: string;
				};
				ComputedFields: never;
				Insert: {
					created_at?: string;
					id?: never;
					product_file_id: string;
					user_id: string;
				};
				Update: {
					created_at?: string;
					id?: never;
					product_file_id?: string;
					user_id?: string;
				};
				Relationships: [
					{
						foreignKeyName: 'downloads_product_file_id_fkey';
						columns: ['product_file_id'];
						isOneToOne: false;
						referencedRelation: 'product_files';
						referencedColumns: ['id'];
					}
				];
			};
			email_outbox: {
				Row: {
					about: string;
					attempts: number;
					claimed_at: string | null;
					claimed_by: string | null;
					created_at: string;
					email: string;
					key: string;
					kind: string;
					last_error: string | null;
					paid_at: string | null;
					send_after: string | null;
					sent_at: string | null;
				};
				ComputedFields: never;
				Insert: {
					about: string;
					attempts?: number;
					claimed_at?: string | null;
					claimed_by?: string | null;
					created_at?: string;
					email: string;
					key: string;
					kind: string;
					last_error?: string | null;
					paid_at?: string | null;
					send_after?: string | null;
					sent_at?: string | null;
				};
				Update: {
					about?: string;
					attempts?: number;
					claimed_at?: string | null;
					claimed_by?: string | null;
					created_at?: string;
					email?: string;
					key?: string;
					kind?: string;
					last_error?: string | null;
					paid_at?: string | null;
					send_after?: string | null;
					sent_at?: string | null;
				};
				Relationships: [];
			};
			memberships: {
				Row: {
					cancel_at_period_end: boolean;
					created_at: string;
					current_period_ends_at: string | null;
					email: string;
					ended_at: string | null;
					grace_ends_at: string | null;
					past_due_at: string | null;
					status: string;
					stripe_checkout_session_id: string | null;
					stripe_customer_id: string;
					stripe_price_id: string;
					stripe_subscription_id: string;
					trial_ends_at: string | null;
					updated_at: string;
					user_id: string | null;
				};
				ComputedFields: never;
				Insert: {
					cancel_at_period_end?: boolean;
					created_at?: string;
					current_period_ends_at?: string | null;
					email: string;
					ended_at?: string | null;
					grace_ends_at?: string | null;
					past_due_at?: string | null;
					status: string;
					stripe_checkout_session_id?: string | null;
					stripe_customer_id: string;
					stripe_price_id: string;
					stripe_subscription_id: string;
					trial_ends_at?: string | null;
					updated_at?: string;
					user_id?: string | null;
				};
				Update: {
					cancel_at_period_end?: boolean;
					created_at?: string;
					current_period_ends_at?: string | null;
					email?: string;
					ended_at?: string | null;
					grace_ends_at?: string | null;
					past_due_at?: string | null;
					status?: string;
					stripe_checkout_session_id?: string | null;
					stripe_customer_id?: string;
					stripe_price_id?: string;
					stripe_subscription_id?: string;
					trial_ends_at?: string | null;
					updated_at?: string;
					user_id?: string | null;
				};
				Relationships: [];
			};
			plan_prices: {
				Row: {
					active: boolean;
					created_at: string;
					currency: string;
					id: string;
					interval: string;
					plan_id: string;
					stripe_price_id: string;
					trial_days: number;
					unit_amount: number;
				};
				ComputedFields: never;
				Insert: {
					active?: boolean;
					created_at?: string;
					currency: string;
					id?: string;
					interval: string;
					plan_id: string;
					stripe_price_id: string;
					trial_days?: number;
					unit_amount: number;
				};
				Update: {
					active?: boolean;
					created_at?: string;
					currency?: string;
					id?: string;
					interval?: string;
					plan_id?: string;
					stripe_price_id?: string;
					trial_days?: number;
					unit_amount?: number;
				};
				Relationships: [
					{
						foreignKeyName: 'plan_prices_plan_id_fkey';
						columns: ['plan_id'];
						isOneToOne: false;
						referencedRelation: 'plans';
						referencedColumns: ['id'];
					}
				];
			};
			plans: {
				Row: {
					archived_at: string | null;
					created_at: string;
					description: string;
					id: string;
					name: string;
					stripe_product_id: string | null;
				};
				ComputedFields: never;
				Insert: {
					archived_at?: string | null;
					created_at?: string;
					description?: string;
					id?: string;
					name: string;
					stripe_product_id?: string | null;
				};
				Update: {
					archived_at?: string | null;
					created_at?: string;
					description?: string;
					id?: string;
					name?: string;
					stripe_product_id?: string | null;
				};
				Relationships: [];
			};
			product_content: {
				Row: {
					body: string;
					product_id: string;
					updated_at: string;
				};
				ComputedFields: never;
				Insert: {
					body: string;
					product_id: string;
					updated_at?: string;
				};
				Update: {
					body?: string;
					product_id?: string;
					updated_at?: string;
				};
				Relationships: [
					{
						foreignKeyName: 'product_content_product_id_fkey';
						columns: ['product_id'];
						isOneToOne: true;
						referencedRelation: 'products';
						referencedColumns: ['id'];
					}
				];
			};
			product_files: {
				Row: {
					created_at: string;
					id: string;
					mime_type: string;
					name: string;
					object_path: string;
					product_id: string;
					size_bytes: number;
				};
				ComputedFields: never;
				Insert: {
					created_at?: string;
					id?: string;
					mime_type: string;
					name: string;
					object_path: string;
					product_id: string;
					size_bytes: number;
				};
				Update: {
					created_at?: string;
					id?: string;
					mime_type?: string;
					name?: string;
					object_path?: string;
					product_id?: string;
					size_bytes?: number;
				};
				Relationships: [
					{
						foreignKeyName: 'product_files_product_id_fkey';
						columns: ['product_id'];
						isOneToOne: false;
						referencedRelation: 'products';
						referencedColumns: ['id'];
					}
				];
			};
			product_slugs: {
				Row: {
					product_id: string;
					retired_at: string;
					slug: string;
				};
				ComputedFields: never;
				Insert: {
					product_id: string;
					retired_at?: string;
					slug: string;
				};
				Update: {
					product_id?: string;
					retired_at?: string;
					slug?: string;
				};
				Relationships: [
					{
						foreignKeyName: 'product_slugs_product_id_fkey';
						columns: ['product_id'];
						isOneToOne: false;
						referencedRelation: 'products';
						referencedColumns: ['id'];
					}
				];
			};
			products: {
				Row: {
					archived_at: string | null;
					cover: string;
					cover_image: Json | null;
					created_at: string;
					currency: string;
					id: string;
					position: number;
					price_cents: number;
					published: boolean;
					sample: string;
					slug: string;
					summary: string;
					title: string;
					updated_at: string;
				};
				ComputedFields: never;
				Insert: {
					archived_at?: string | null;
					cover: string;
					cover_image?: Json | null;
					created_at?: string;
					currency: string;
					id?: string;
					position?: number;
					price_cents: number;
					published?: boolean;
					sample?: string;
					slug: string;
					summary?: string;
					title: string;
					updated_at?: string;
				};
				Update: {
					archived_at?: string | null;
					cover?: string;
					cover_image?: Json | null;
					created_at?: string;
					currency?: string;
					id?: string;
					position?: number;
					price_cents?: number;
					published?: boolean;
					sample?: string;
					slug?: string;
					summary?: string;
					title?: string;
					updated_at?: string;
				};
				Relationships: [];
			};
			purchases: {
				Row: {
					amount_refunded: number;
					amount_total: number;
					created_at: string;
					currency: string;
					email: string;
					id: string;
					product_id: string;
					source: string;
					status: Database['public']['Enums']['purchase_status'];
					stripe_checkout_session_id: string | null;
					stripe_payment_intent_id: string | null;
					updated_at: string;
					user_id: string | null;
				};
				ComputedFields: never;
				Insert: {
					amount_refunded?: number;
					amount_total: number;
					created_at?: string;
					currency: string;
					email: string;
					id?: string;
					product_id: string;
					source?: string;
					status?: Database['public']['Enums']['purchase_status'];
					stripe_checkout_session_id?: string | null;
					stripe_payment_intent_id?: string | null;
					updated_at?: string;
					user_id?: string | null;
				};
				Update: {
					amount_refunded?: number;
					amount_total?: number;
					created_at?: string;
					currency?: string;
					email?: string;
					id?: string;
					product_id?: string;
					source?: string;
					status?: Database['public']['Enums']['purchase_status'];
					stripe_checkout_session_id?: string | null;
					stripe_payment_intent_id?: string | null;
					updated_at?: string;
					user_id?: string | null;
				};
				Relationships: [
					{
						foreignKeyName: 'purchases_product_id_fkey';
						columns: ['product_id'];
						isOneToOne: false;
						referencedRelation: 'products';
						referencedColumns: ['id'];
					}
				];
			};
			rate_limit_hits: {
				Row: {
					bucket: string;
					hit_at: string;
				};
				ComputedFields: never;
				Insert: {
					bucket: string;
					hit_at?: string;
				};
				Update: {
					bucket?: string;
					hit_at?: string;
				};
				Relationships: [];
			};
			reading_positions: {
				Row: {
					anchor: string | null;
					device_updated_at: string;
					fraction: number;
					product_id: string;
					updated_at: string;
					user_id: string;
				};
				ComputedFields: never;
				Insert: {
					anchor?: string | null;
					device_updated_at: string;
					fraction: number;
					product_id: string;
					updated_at?: string;
					user_id: string;
				};
				Update: {
					anchor?: string | null;
					device_updated_at?: string;
					fraction?: number;
					product_id?: string;
					updated_at?: string;
					user_id?: string;
				};
				Relationships: [
					{
						foreignKeyName: 'reading_positions_product_id_fkey';
						columns: ['product_id'];
						isOneToOne: false;
						referencedRelation: 'products';
						referencedColumns: ['id'];
					}
				];
			};
			reconcile_runs: {
				Row: {
					changes: NonNullable<Json>;
					checked: number;
					error: string | null;
					finished_at: string | null;
					id: number;
					since: string;
					started_at: string;
					trigger: string;
				};
				ComputedFields: never;
				Insert: {
					changes?: NonNullable<Json>;
					checked?: number;
					error?: string | null;
					finished_at?: string | null;
					id?: never;
					since: string;
					started_at?: string;
					trigger: string;
				};
				Update: {
					changes?: NonNullable<Json>;
					checked?: number;
					error?: string | null;
					finished_at?: string | null;
					id?: never;
					since?: string;
					started_at?: string;
					trigger?: string;
				};
				Relationships: [];
			};
			refund_requests: {
				Row: {
					amount: number;
					created_at: string;
					id: string;
					note: string;
					purchase_id: string;
					reason: string;
					requested_by: string | null;
					stripe_refund_id: string | null;
				};
				ComputedFields: never;
				Insert: {
					amount: number;
					created_at?: string;
					id: string;
					note?: string;
					purchase_id: string;
					reason: string;
					requested_by?: string | null;
					stripe_refund_id?: string | null;
				};
				Update: {
					amount?: number;
					created_at?: string;
					id?: string;
					note?: string;
					purchase_id?: string;
					reason?: string;
					requested_by?: string | null;
					stripe_refund_id?: string | null;
				};
				Relationships: [
					{
						foreignKeyName: 'refund_requests_purchase_id_fkey';
						columns: ['purchase_id'];
						isOneToOne: false;
						referencedRelation: 'purchases';
						referencedColumns: ['id'];
					}
				];
			};
			session_membership_scopes: {
				Row: {
					created_at: string;
					session_id: string;
					stripe_subscription_id: string;
				};
				ComputedFields: never;
				Insert: {
					created_at?: string;
					session_id: string;
					stripe_subscription_id: string;
				};
				Update: {
					created_at?: string;
					session_id?: string;
					stripe_subscription_id?: string;
				};
				Relationships: [
					{
						foreignKeyName: 'session_membership_scopes_stripe_subscription_id_fkey';
						columns: ['stripe_subscription_id'];
						isOneToOne: false;
						referencedRelation: 'memberships';
						referencedColumns: ['stripe_subscription_id'];
					}
				];
			};
			session_scopes: {
				Row: {
					created_at: string;
					purchase_id: string;
					session_id: string;
				};
				ComputedFields: never;
				Insert: {
					created_at?: string;
					purchase_id: string;
					session_id: string;
				};
				Update: {
					created_at?: string;
					purchase_id?: string;
					session_id?: string;
				};
				Relationships: [
					{
						foreignKeyName: 'session_scopes_purchase_id_fkey';
						columns: ['purchase_id'];
						isOneToOne: false;
						referencedRelation: 'purchases';
						referencedColumns: ['id'];
					}
				];
			};
			stripe_events: {
				Row: {
					deliveries: number;
					detail: string | null;
					id: string;
					last_error: string | null;
					livemode: boolean;
					object_id: string | null;
					outcome: string | null;
					payload: NonNullable<Json>;
					payment_intent_id: string | null;
					processed_at: string | null;
					received_at: string;
					type: string;
				};
				ComputedFields: never;
				Insert: {
					deliveries?: number;
					detail?: string | null;
					id: string;
					last_error?: string | null;
					livemode: boolean;
					object_id?: never;
					outcome?: string | null;
					payload: NonNullable<Json>;
					payment_intent_id?: never;
					processed_at?: string | null;
					received_at?: string;
					type: string;
				};
				Update: {
					deliveries?: number;
					detail?: string | null;
					id?: string;
					last_error?: string | null;
					livemode?: boolean;
					object_id?: never;
					outcome?: string | null;
					payload?: NonNullable<Json>;
					payment_intent_id?: never;
					processed_at?: string | null;
					received_at?: string;
					type?: string;
				};
				Relationships: [];
			};
		};
		Views: {
			[_ in never]: never;
		};
		Functions: {
			admin_add_file: {
				Args: {
					p_mime_type: string;
					p_name: string;
					p_object_path: string;
					p_product_id: string;
					p_size_bytes: number;
				};
				Returns: string;
			};
			admin_add_plan_price: {
				Args: {
					p_currency: string;
					p_interval: string;
					p_plan_id: string;
					p_stripe_price_id: string;
					p_trial_days: number;
					p_unit_amount: number;
				};
				Returns: undefined;
			};
			admin_delete_product: { Args: { p_id: string }; Returns: string[] };
			admin_record_refund: {
				Args: {
					p_amount: number;
					p_id: string;
					p_note: string;
					p_purchase_id: string;
					p_reason: string;
					p_stripe_refund_id: string;
				};
				Returns: undefined;
			};
			admin_remove_file: { Args: { p_file_id: string }; Returns: string };
			admin_retire_plan: { Args: { p_id: string }; Returns: string };
			admin_save_plan: {
				Args: { p_description: string; p_id: string; p_name: string; p_stripe_product_id: string };
				Returns: string;
			};
			admin_save_product: {
				Args: {
					p_body: string;
					p_currency: string;
					p_id: string;
					p_price_cents: number;
					p_sample: string;
					p_slug: string;
					p_summary: string;
					p_title: string;
				};
				Returns: string;
			};
			admin_set_cover: { Args: { p_cover_image: Json; p_id: string }; Returns: undefined };
			admin_set_product_state: { Args: { p_id: string; p_state: string }; Returns: undefined };
			claim_due_emails: {
				Args: { p_claimer: string; p_limit: number; p_return_window: string };
				Returns: {
					about: string;
					attempts: number;
					claimed_at: string | null;
					claimed_by: string | null;
					created_at: string;
					email: string;
					key: string;
					kind: string;
					last_error: string | null;
					paid_at: string | null;
					send_after: string | null;
					sent_at: string | null;
				}[];
				SetofOptions: {
					from: '*';
					to: 'email_outbox';
					isOneToOne: false;
					isSetofReturn: true;
				};
			};
			claim_email: {
				Args: { p_claimer: string; p_key: string };
				Returns: {
					about: string;
					attempts: number;
					claimed_at: string | null;
					claimed_by: string | null;
					created_at: string;
					email: string;
					key: string;
					kind: string;
					last_error: string | null;
					paid_at: string | null;
					send_after: string | null;
					sent_at: string | null;
				}[];
				SetofOptions: {
					from: '*';
					to: 'email_outbox';
					isOneToOne: false;
					isSetofReturn: true;
				};
			};
			claim_free_product: {
				Args: { p_email: string; p_product_id: string };
				Returns: {
					first_claim: boolean;
					purchase_id: string;
					user_id: string;
				}[];
			};
			count_stripe_event_delivery: { Args: { p_id: string }; Returns: undefined };
			current_membership: { Args: Record<PropertyKey, never>; Returns: string };
			current_session_id: { Args: Record<PropertyKey, never>; Returns: string };
			fail_stripe_event: {
				Args: {
					p_error: string;
					p_id: string;
					p_livemode: boolean;
					p_payload: Json;
					p_type: string;
				};
				Returns: undefined;
			};
			file_product_id: { Args: { p_name: string }; Returns: string };
			finish_email: {
				Args: {
					p_claimer: string;
					p_error: string;
					p_key: string;
					p_retry_after: string;
					p_sent: boolean;
				};
				Returns: undefined;
			};
			fulfil_checkout: {
				Args: {
					p_amount_total: number;
					p_currency: string;
					p_email: string;
					p_paid_at?: string;
					p_payment_intent_id: string;
					p_product_id: string;
					p_session_id: string;
				};
				Returns: {
					account_created_by_checkout: string;
					first_fulfilment: boolean;
					purchase_id: string;
					user_id: string;
				}[];
			};
			is_admin: { Args: Record<PropertyKey, never>; Returns: boolean };
			library_items: {
				Args: Record<PropertyKey, never>;
				Returns: {
					cover: string;
					cover_image: Json;
					files: Json;
					former_slugs: string[];
					purchased_at: string;
					slug: string;
					title: string;
					via: string;
				}[];
			};
			link_purchases: { Args: { p_user_id: string }; Returns: number };
			mark_stripe_event_processed: {
				Args: { p_detail: string; p_id: string; p_outcome: string };
				Returns: undefined;
			};
			may_read_product: { Args: { p_product_id: string }; Returns: boolean };
			membership_grants_access: {
				Args: { p_grace_until: string; p_status: string };
				Returns: boolean;
			};
			product_files_json: { Args: { p_product_id: string }; Returns: Json };
			queue_email: {
				Args: {
					p_about: string;
					p_email: string;
					p_key: string;
					p_kind: string;
					p_paid_at?: string;
				};
				Returns: boolean;
			};
			rate_limit_hit: {
				Args: { p_bucket: string; p_cooldown?: string; p_limit: number; p_window: string };
				Returns: {
					allowed: boolean;
					retry_after_seconds: number;
				}[];
			};
			readable_content: {
				Args: { p_product_id: string };
				Returns: {
					anchor: string;
					body: string;
					device_updated_at: string;
					files: Json;
					fraction: number;
					scoped: boolean;
				}[];
			};
			reading_positions_by_slug: {
				Args: Record<PropertyKey, never>;
				Returns: {
					anchor: string;
					device_updated_at: string;
					fraction: number;
					slug: string;
				}[];
			};
			record_checkout_completion: {
				Args: {
					p_amount_refunded: number;
					p_amount_total: number;
					p_currency: string;
					p_email: string;
					p_event_id: string;
					p_event_type: string;
					p_livemode: boolean;
					p_paid_at: string;
					p_payload: Json;
					p_payment_intent_id: string;
					p_product_id: string;
					p_reconciling: boolean;
					p_session_id: string;
					p_status: Database['public']['Enums']['purchase_status'];
				};
				Returns: {
					detail: string;
					first_fulfilment: boolean;
					outcome: string;
					purchase_id: string;
				}[];
			};
			record_download: { Args: { p_file_id: string }; Returns: string };
			record_stripe_event: {
				Args: { p_id: string; p_livemode: boolean; p_payload: Json; p_type: string };
				Returns: boolean;
			};
			require_admin: { Args: Record<PropertyKey, never>; Returns: undefined };
			save_reading_position: {
				Args: {
					p_anchor: string;
					p_device_updated_at: string;
					p_fraction: number;
					p_product_id: string;
				};
				Returns: {
					anchor: string;
					applied: boolean;
					device_updated_at: string;
					fraction: number;
				}[];
			};
			scope_session: { Args: { p_purchase_id: string; p_session_id: string }; Returns: undefined };
			scope_session_to_membership: {
				Args: { p_session_id: string; p_subscription_id: string };
				Returns: undefined;
			};
			session_is_passwordless: { Args: Record<PropertyKey, never>; Returns: boolean };
			session_is_scoped: { Args: Record<PropertyKey, never>; Returns: boolean };
			session_sees_membership: { Args: { p_subscription_id: string }; Returns: boolean };
			session_sees_purchase: { Args: { p_purchase_id: string }; Returns: boolean };
			set_purchase_status: {
				Args: {
					p_payment_intent_id: string;
					p_status: Database['public']['Enums']['purchase_status'];
				};
				Returns: number;
			};
			settle_purchase: {
				Args: {
					p_amount_refunded: number;
					p_payment_intent_id: string;
					p_status: Database['public']['Enums']['purchase_status'];
				};
				Returns: number;
			};
			sync_membership: {
				Args: {
					p_cancel_at_period_end: boolean;
					p_checkout_session_id: string;
					p_current_period_end: string;
					p_customer_id: string;
					p_email: string;
					p_ended_at: string;
					p_grace: string;
					p_past_due_since: string;
					p_price_id: string;
					p_status: string;
					p_stripe_now: string;
					p_subscription_id: string;
					p_trial_end: string;
				};
				Returns: {
					previous_status: string;
					status: string;
					user_id: string;
				}[];
			};
		};
		Enums: {
			purchase_status: 'paid' | 'refunded' | 'disputed';
		};
		CompositeTypes: {
			[_ in never]: never;
		};
	};
};

type DatabaseWithoutInternals = Omit<Database, '__InternalSupabase'>;

type DefaultSchema = DatabaseWithoutInternals[Extract<keyof Database, 'public'>];

export type Tables<
	DefaultSchemaTableNameOrOptions extends
		| keyof (DefaultSchema['Tables'] & DefaultSchema['Views'])
		| { schema: keyof DatabaseWithoutInternals },
	TableName extends (DefaultSchemaTableNameOrOptions extends {
		schema: keyof DatabaseWithoutInternals;
	}
		? keyof (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Tables'] &
				DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Views'])
		: never) = never
> = DefaultSchemaTableNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
	? (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Tables'] &
			DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Views'])[TableName] extends {
			Row: infer R;
		}
		? R
		: never
	: DefaultSchemaTableNameOrOptions extends keyof (DefaultSchema['Tables'] & DefaultSchema['Views'])
		? (DefaultSchema['Tables'] & DefaultSchema['Views'])[DefaultSchemaTableNameOrOptions] extends {
				Row: infer R;
			}
			? R
			: never
		: never;

export type TablesInsert<
	DefaultSchemaTableNameOrOptions extends
		keyof DefaultSchema['Tables'] | { schema: keyof DatabaseWithoutInternals },
	TableName extends (DefaultSchemaTableNameOrOptions extends {
		schema: keyof DatabaseWithoutInternals;
	}
		? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Tables']
		: never) = never
> = DefaultSchemaTableNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
	? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Tables'][TableName] extends {
			Insert: infer I;
		}
		? I
		: never
	: DefaultSchemaTableNameOrOptions extends keyof DefaultSchema['Tables']
		? DefaultSchema['Tables'][DefaultSchemaTableNameOrOptions] extends {
				Insert: infer I;
			}
			? I
			: never
		: never;

export type TablesUpdate<
	DefaultSchemaTableNameOrOptions extends
		keyof DefaultSchema['Tables'] | { schema: keyof DatabaseWithoutInternals },
	TableName extends (DefaultSchemaTableNameOrOptions extends {
		schema: keyof DatabaseWithoutInternals;
	}
		? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Tables']
		: never) = never
> = DefaultSchemaTableNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
	? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Tables'][TableName] extends {
			Update: infer U;
		}
		? U
		: never
	: DefaultSchemaTableNameOrOptions extends keyof DefaultSchema['Tables']
		? DefaultSchema['Tables'][DefaultSchemaTableNameOrOptions] extends {
				Update: infer U;
			}
			? U
			: never
		: never;

export type Enums<
	DefaultSchemaEnumNameOrOptions extends
		keyof DefaultSchema['Enums'] | { schema: keyof DatabaseWithoutInternals },
	EnumName extends (DefaultSchemaEnumNameOrOptions extends {
		schema: keyof DatabaseWithoutInternals;
	}
		? keyof DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions['schema']]['Enums']
		: never) = never
> = DefaultSchemaEnumNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
	? DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions['schema']]['Enums'][EnumName]
	: DefaultSchemaEnumNameOrOptions extends keyof DefaultSchema['Enums']
		? DefaultSchema['Enums'][DefaultSchemaEnumNameOrOptions]
		: never;

export type CompositeTypes<
	PublicCompositeTypeNameOrOptions extends
		keyof DefaultSchema['CompositeTypes'] | { schema: keyof DatabaseWithoutInternals },
	CompositeTypeName extends (PublicCompositeTypeNameOrOptions extends {
		schema: keyof DatabaseWithoutInternals;
	}
		? keyof DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions['schema']]['CompositeTypes']
		: never) = never
> = PublicCompositeTypeNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
	? DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions['schema']]['CompositeTypes'][CompositeTypeName]
	: PublicCompositeTypeNameOrOptions extends keyof DefaultSchema['CompositeTypes']
		? DefaultSchema['CompositeTypes'][PublicCompositeTypeNameOrOptions]
		: never;

export const Constants = {
	public: {
		Enums: {
			purchase_status: ['paid', 'refunded', 'disputed']
		}
	}
} as const;
