-- The platform audit (decision 056): what staff did in the console, append-only for the platform scope.
-- emr_platform may add and read entries, never change or remove one; the identity scope reaches it only
-- through continueAsPlatform (staff accounts are changed and audited in one transaction).
GRANT SELECT, INSERT ON platform_audit TO emr_platform;
--> statement-breakpoint
GRANT USAGE ON SEQUENCE platform_audit_id_seq TO emr_platform;
