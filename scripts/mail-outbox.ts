// npm run mail:outbox: the latest e-mail in the outbox (decision 032), for an operator when no SMTP server
// is configured or delivery failed: recipient, kind, status (with why it is not sent), subject and body.
// `-- --limit N` shows N messages (default 20).
import { closeDatabase } from "~db/client.server";
import { listOutbox } from "~/mail/outbox.server";

const at = process.argv.indexOf("--limit");
const limit = at >= 0 ? Math.max(1, Number(process.argv[at + 1]) || 20) : 20;
try {
  for (const m of await listOutbox(limit)) {
    const status = m.status === "queued" && m.lastError ? `${m.status} (${m.lastError})` : m.status;
    console.log(`--- ${m.createdAt.toISOString()} ${m.kind} to ${m.recipient} [${status}, ${m.attempts} attempt(s)]`);
    console.log(`Subject: ${m.subject}\n\n${m.bodyText}\n`);
  }
} finally {
  await closeDatabase();
}
