-- Helper t (templates): hospital_templates is a tenant table (decision 019).
SELECT protect_tenant_table('hospital_templates');
