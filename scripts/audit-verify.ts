// npm run audit:verify -- <hospital-slug>... | --all
// Recomputes each hospital's audit hash chain and prints "ok N entries" or "BROKEN at seq N: reason",
// the unchained backlog, and the check against the latest signed anchor (AUDIT_ANCHOR_DIR).
// Exit codes: 0 every chain verifies, 1 at least one is broken or disagrees with its anchor, 2 usage
// error or unknown hospital.
import { formatVerification, verificationPassed, verifyAuditChains } from "~db/audit-chain.server";
import { closeDatabase } from "~db/client.server";

const args = process.argv.slice(2);
if (args.length === 0 || args.includes("--help")) {
  console.log("usage: npx tsx scripts/audit-verify.ts <hospital-slug>... | --all");
  process.exit(2);
}

let status = 0;
try {
  const { verified, unknownSlugs } = await verifyAuditChains(args.includes("--all") ? { all: true } : { slugs: args });
  for (const tenant of verified) console.log(formatVerification(tenant));
  for (const slug of unknownSlugs) console.error(`${slug}: no such hospital`);
  if (verified.length === 0 && unknownSlugs.length === 0) console.log("no hospitals");
  // A broken chain outranks a mistyped slug: monitoring keys on exit code 1.
  status = verified.some((t) => !verificationPassed(t)) ? 1 : unknownSlugs.length > 0 ? 2 : 0;
} finally {
  await closeDatabase();
}
process.exit(status);
