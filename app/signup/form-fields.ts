// The sign-up form's anti-bot fields (form-stamp.server.ts checks them); shared with the page.
export const HONEYPOT_FIELD = "website";
export const STAMP_FIELD = "stamp";
