-- Roles as tenant data (docs/decisions/018-hospital-defined-roles.md, 038-roles-as-data.md). Runs as emr_owner.

-- Every hospital that exists before this migration gets the default role set (app/staff/default-roles.ts
-- as of this migration), so its members keep exactly the permissions they had when roles were code.
-- Done before protect_tenant_table() forces row-level security, while the owner may still write every
-- tenant's rows; a hospital created later gets its roles from createHospital() (installDefaultRoles or a
-- template), in its own audited transaction.
INSERT INTO hospital_roles (tenant_id, code, name_vi, name_en, permissions)
SELECT t.id, r.code, r.name_vi, r.name_en, r.permissions
FROM tenants t
CROSS JOIN (VALUES
  ('admin', 'Quản trị viên', 'Administrator',
    ARRAY['patient:read', 'patient:write', 'visit:read', 'visit:register', 'staff:manage', 'settings:manage', 'audit:read']),
  ('doctor', 'Bác sĩ', 'Doctor',
    ARRAY['patient:read', 'patient:write', 'visit:read', 'note:write', 'order:write', 'prescription:write', 'visit:sign']),
  ('nurse', 'Điều dưỡng', 'Nurse', ARRAY['patient:read', 'patient:write', 'visit:read', 'vitals:write']),
  ('receptionist', 'Tiếp đón', 'Receptionist', ARRAY['patient:read', 'patient:write', 'visit:read', 'visit:register']),
  ('pharmacist', 'Dược sĩ', 'Pharmacist', ARRAY['patient:read', 'visit:read']),
  ('cashier', 'Thu ngân', 'Cashier', ARRAY['patient:read', 'visit:read']),
  ('lab', 'Xét nghiệm', 'Laboratory', ARRAY['patient:read', 'visit:read', 'result:write']),
  ('imaging', 'Chẩn đoán hình ảnh', 'Imaging', ARRAY['patient:read', 'visit:read', 'result:write'])
) AS r(code, name_vi, name_en, permissions)
ON CONFLICT (tenant_id, code) DO NOTHING;
--> statement-breakpoint
SELECT protect_tenant_table('hospital_roles');
--> statement-breakpoint
-- The membership lookup (platform scope, app/hospitals/list-my-hospitals.server.ts) resolves a member's
-- permissions through the hospital's roles in the same statement: read only, like memberships.
GRANT SELECT ON hospital_roles TO emr_platform;

