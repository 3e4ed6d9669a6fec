// What the HTTP server (scripts/serve.ts) hands every loader and action, and reads back for the request
// log once the response is sent. Guards fill tenantId and userId; nothing here may hold patient data.
export type RequestLogFields = {
  tenantId?: string;
  userId?: string;
};

declare module "@remix-run/node" {
  interface AppLoadContext {
    requestId: string;
    /** The Content-Security-Policy nonce of this response. */
    cspNonce: string;
    log: RequestLogFields;
    /** The client's address (express req.ip), for sign-in throttling and the audit log. */
    clientAddress: string;
  }
}

export {};
