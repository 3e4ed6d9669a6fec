/** A role's code: what memberships hold. Lower-case letters, digits, dash and underscore (client-safe). */
export const ROLE_CODE = /^[a-z0-9][a-z0-9_-]{0,39}$/;
