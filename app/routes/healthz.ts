// Health endpoint for load balancers and the operator: 200 when the database answers, 503 otherwise.
import { json } from "@remix-run/node";
import { checkDatabase } from "~/platform/health.server";

export async function loader() {
  const database = await checkDatabase();
  return json({ status: database.ok ? "ok" : "unavailable", database }, { status: database.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
