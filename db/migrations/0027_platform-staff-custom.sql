-- Platform staff (decision 055). Identities and what proves them belong to the identity scope; the
-- platform scope (the console) may see who is staff and in which role, never a secret or a session.
GRANT SELECT, INSERT, UPDATE ON platform_staff TO emr_identity;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON staff_sessions TO emr_identity;
--> statement-breakpoint
GRANT SELECT (user_id, role, active, totp_enrolled_at, created_at) ON platform_staff TO emr_platform;
