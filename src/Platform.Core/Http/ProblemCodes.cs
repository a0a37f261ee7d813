namespace Platform.Http;

/// <summary>
/// Every <c>code</c> a problem answer can carry. The OpenAPI document publishes them as the <c>Problem.code</c> enum
/// so the SDKs can type them (issue #21); a test scans the sources and fails when a problem is written with a code
/// missing here. Clients must still accept codes they do not know: new ones are additive.
/// </summary>
public static class ProblemCodes
{
    public static readonly IReadOnlyList<string> All =
    [
        // Framework answers nobody wrote a problem for (ApiProblems.DefaultCode) and request reading.
        "unauthenticated", "forbidden", "not_found", "method_not_allowed", "malformed_json", "body_required", "body_too_large",
        "invalid_query", "invalid_characters", "invalid_if_match", "validation_failed", "internal_error", "request_cancelled",
        // Availability and limits.
        "rate_limited", "checkout_busy", "database_unavailable", "overloaded",
        // Idempotency.
        "invalid_idempotency_key", "idempotency_key_reused", "idempotency_in_flight", "idempotency_claim_lost",
        // Tenancy, identity and clients.
        "tenant_unknown", "tenant_required", "tenant_suspended", "tenant_already_suspended", "tenant_not_suspended", "slug_taken", "custom_host_taken",
        "account_conflict", "already_invited", "already_member", "invitation_closed", "last_owner", "invalid_credentials",
        "weak_password", "api_client_revoked", "email_taken",
        // Catalogue and venues.
        "version_mismatch", "concurrency_conflict", "concurrent_change", "invalid_transition", "venue_name_taken",
        "price_zone_code_taken", "section_code_taken", "code_taken", "capacity_below_committed", "no_ticket_types", "unsupported_image",
        "currency_mismatch", "duplicate", "seats_in_use", "section_in_use", "ticket_type_in_use",
        // Checkout.
        "sale_not_open", "sales_window_closed", "event_not_on_sale", "event_closed", "sold_out", "seats_unavailable",
        "invalid_lines", "buyer_limit_reached", "promo_buyer_limit_reached", "promo_exhausted", "voucher_redeemed",
        "hold_not_active", "hold_expired", "hold_already_extended", "hold_already_ordered", "order_expired",
        "order_already_paid", "order_not_refundable", "nothing_to_refund", "concurrent_refund",
        // Payments.
        "card_declined", "payment_failed", "stripe_not_configured", "stripe_error", "refund_failed", "live_mode_not_allowed", "test_mode_payment_refused",
        // Resellers.
        "no_allocation", "allocation_exceeded", "allocation_exists", "allocation_below_sold", "allocation_in_use",
        "price_outside_allocation", "no_reseller_window",
        // Tickets, check-in, webhooks.
        "ticket_revoked", "device_event_not_allowed", "unknown_event", "webhook_url_refused", "endpoint_disabled",
        "delivery_pending",
        // Anti-scalping.
        "order_blocked", "review_not_pending",
        "challenge_required", "challenge_invalid", "challenge_expired", "challenge_code_wrong", "challenge_locked", "challenge_too_many",
        // Waiting room.
        "waiting_room_required", "waiting_room_closed", "waiting_room_not_admitted", "waiting_room_pass_expired", "waiting_room_ticket_invalid",
        "presale_code_invalid", "waiting_room_member_not_listed", "waiting_room_member_email_mismatch", "member_list_too_long", "member_list_empty",
        // Box office cash-up.
        "cash_up_already_counted", "cash_up_other_seller",
        // Imports from legacy systems.
        "import_encoding_unsupported", "import_file_empty", "import_file_unreadable", "import_format_unsupported", "import_already_started",
    ];
}
